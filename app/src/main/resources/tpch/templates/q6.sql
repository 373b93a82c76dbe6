-- TPC-H Q6, forecasting revenue change. Validation parameters DATE = 1994-01-01, DISCOUNT = 0.06, QUANTITY = 24.
select
    sum(l_extendedprice * l_discount) as revenue
from
    lineitem
where
    l_shipdate >= date '{{date}}'
    and l_shipdate < date '{{date_plus_1_year}}'
    and l_discount between {{discount_low}} and {{discount_high}}
    and l_quantity < {{quantity}}
