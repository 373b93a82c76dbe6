select
    sum(l_extendedprice * l_discount) as revenue
from
    lineitem
where
    l_shipdate >= date '{{date}}'
    and l_shipdate < date '{{date_plus_1_year}}'
    and l_discount between {{discount_low}} and {{discount_high}}
    and l_quantity < {{quantity}}
