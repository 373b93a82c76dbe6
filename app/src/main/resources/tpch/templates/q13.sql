-- TPC-H Q13, customer distribution. Validation parameters WORD1 = special, WORD2 = requests.
-- The inner count is aliased in place (not as c_orders (c_custkey, c_count)), the form every engine accepts.
select
    c_count,
    count(*) as custdist
from
    (
        select
            c_custkey,
            count(o_orderkey) as c_count
        from
            customer
            left outer join orders on
                c_custkey = o_custkey
                and o_comment not like '%{{word1}}%{{word2}}%'
        group by
            c_custkey
    ) as c_orders
group by
    c_count
order by
    custdist desc,
    c_count desc
