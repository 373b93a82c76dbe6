-- TPC-H Q4, order priority checking. Validation parameter DATE = 1993-07-01 (a quarter: up to 1993-10-01).
select
    o_orderpriority,
    count(*) as order_count
from
    orders
where
    o_orderdate >= date '{{date}}'
    and o_orderdate < date '{{date_plus_3_months}}'
    and exists (
        select
            *
        from
            lineitem
        where
            l_orderkey = o_orderkey
            and l_commitdate < l_receiptdate
    )
group by
    o_orderpriority
order by
    o_orderpriority
