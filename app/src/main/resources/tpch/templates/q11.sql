-- TPC-H Q11, important stock identification. Validation parameters NATION = GERMANY, FRACTION = 0.0001.
-- The fraction stays at its SF 1 value at every scale, as in the reference answers for SF 0.01.
select
    ps_partkey,
    sum(ps_supplycost * ps_availqty) as value
from
    partsupp,
    supplier,
    nation
where
    ps_suppkey = s_suppkey
    and s_nationkey = n_nationkey
    and n_name = '{{nation}}'
group by
    ps_partkey
having
    sum(ps_supplycost * ps_availqty) > (
        select
            sum(ps_supplycost * ps_availqty) * {{fraction}}
        from
            partsupp,
            supplier,
            nation
        where
            ps_suppkey = s_suppkey
            and s_nationkey = n_nationkey
            and n_name = '{{nation}}'
    )
order by
    value desc
