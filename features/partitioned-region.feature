@topology:parallel
Feature: A partitioned region spreads its buckets over the members of its site
  Region "orders" has 113 buckets with one redundant copy each, over the three members of
  site 1. Each bucket has one primary; when a member goes, its primaries move to their copies,
  and redundancy is restored on the members that are left and again when it returns.

  Background:
    Given the topology "parallel" is running

  @clause:RECV-1 @needs:bucket-status
  Scenario: Every bucket has one primary and one redundant copy, and the primaries are spread evenly
    Then every bucket of region "orders" at site 1 eventually has a primary and 1 redundant copy
    And the primary buckets of region "orders" at site 1 are eventually spread evenly over 3 members
    And every bucket of region "orders" at site 2 eventually has a primary and 1 redundant copy

  Scenario: A key is in the same bucket whichever member or site writes it
    When I put "order-1" = "a" in region "orders" at member "site1-m1"
    Then key "order-1" of region "orders" is in bucket 26
    When I put "order-2" = "b" in region "orders" at member "site1-m3"
    Then key "order-2" of region "orders" is in bucket 81
    When I put "order-1" = "c" in region "orders" at member "site2-m2"
    Then key "order-1" of region "orders" is in bucket 26
    And site 1 eventually has "order-1" = "c" in region "orders"

  @needs:bucket-status
  Scenario: When a member dies its buckets move to their copies without loss, and come back when it returns
    When I write 60 entries with prefix "o" to region "orders" at site 1
    And member "site1-m1" is killed
    Then member "site1-m1" is eventually primary of no bucket of region "orders" at site 1
    And every bucket of region "orders" at site 1 eventually has a primary and 1 redundant copy
    And member "site1-m2" eventually has 60 entries in region "orders"
    When member "site1-m1" is started again
    Then every bucket of region "orders" at site 1 eventually has a primary and 1 redundant copy
    And the primary buckets of region "orders" at site 1 are eventually spread evenly over 3 members
    And member "site1-m1" eventually has 60 entries in region "orders"
