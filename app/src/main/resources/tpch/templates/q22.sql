-- TPC-H Q22, global sales opportunity. Validation parameters I1..I7 = 13, 31, 23, 29, 30, 18, 17.
-- substring(x, 1, 2), not substring(x from 1 for 2): the comma form is the one Spark SQL accepts.
select
    cntrycode,
    count(*) as numcust,
    sum(c_acctbal) as totacctbal
from
    (
        select
            substring(c_phone, 1, 2) as cntrycode,
            c_acctbal
        from
            customer
        where
            substring(c_phone, 1, 2) in ('{{i1}}', '{{i2}}', '{{i3}}', '{{i4}}', '{{i5}}', '{{i6}}', '{{i7}}')
            and c_acctbal > (
                select
                    avg(c_acctbal)
                from
                    customer
                where
                    c_acctbal > 0.00
                    and substring(c_phone, 1, 2) in ('{{i1}}', '{{i2}}', '{{i3}}', '{{i4}}', '{{i5}}', '{{i6}}', '{{i7}}')
            )
            and not exists (
                select
                    *
                from
                    orders
                where
                    o_custkey = c_custkey
            )
    ) as custsale
group by
    cntrycode
order by
    cntrycode
