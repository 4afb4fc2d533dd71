@topology:three-ring
Feature: Creates, updates, destroys and putAll cross the WAN with the same values and versions
  On a ring of three sites, where one site of the three always gets an event through another,
  each operation arrives everywhere as the same operation with the same version (timestamp,
  distributed-system-id, member, entry version). A putAll travels as one event per key.

  Background:
    Given the topology "three-ring" is running

  @clause:CONS-1 @clause:RECV-1 @clause:DIST-2 @needs:applied-log
  Scenario: A create, an update and a destroy made at three different sites apply in order everywhere
    When I put "op" = "v1" in region "data" at site 1
    And every site eventually holds the write from site 1 to "op" in region "data"
    And I put "op" = "v2" in region "data" at site 2
    And every site eventually holds the write from site 2 to "op" in region "data"
    And I destroy "op" in region "data" at site 3
    Then every site eventually holds the write from site 3 to "op" in region "data"
    And site 1 applied "op" in region "data" as "create, update, destroy"
    And site 2 applied "op" in region "data" as "create, update, destroy"
    And site 3 applied "op" in region "data" as "create, update, destroy"
    And all sites eventually hold the same entries in region "data"

  @clause:CONS-1 @clause:DIST-2 @needs:applied-log
  Scenario: A putAll travels as one event per key, and a second one updates every key
    When I put these entries in region "data" at site 2 in one putAll:
      | key | value |
      | p1  | a1    |
      | p2  | a2    |
      | p3  | a3    |
      | p4  | a4    |
      | p5  | a5    |
    Then every site eventually holds the writes made at site 2 in region "data", with their versions
    And every site applied each of "p1, p2, p3, p4, p5" in region "data" exactly once
    And the senders queued exactly:
      | site | sender   | queued | skipped |
      | 2    | to-site3 | 5      | 0       |
      | 3    | to-site1 | 5      | 0       |
      | 1    | to-site2 | 0      | 5       |
    When I put these entries in region "data" at site 2 in one putAll:
      | key | value |
      | p1  | b1    |
      | p3  | b3    |
    Then every site eventually holds the writes made at site 2 in region "data", with their versions
    And site 1 applied "p1" in region "data" as "create, update"
    And site 3 applied "p3" in region "data" as "create, update"
    And site 1 applied "p2" in region "data" as "create"
    And all sites eventually hold the same entries in region "data"

  @clause:ARCH-1
  Scenario: A value the control API accepts reaches every site; one too deep to replicate is refused and stored nowhere
    When I put a value nested 64 levels deep as "deepest" in region "data" at site 1
    Then site 2 eventually has the value nested 64 levels deep as "deepest" in region "data"
    And site 3 eventually has the value nested 64 levels deep as "deepest" in region "data"
    And putting a value nested 65 levels deep as "too-deep" in region "data" at site 1 is refused with 400 WAN_ERR_VALUE_TOO_DEEP
    And putting a value nested 1500 levels deep as "too-deep" in region "data" at site 2 is refused with 400 WAN_ERR_VALUE_TOO_DEEP
    And region "data" at site 3 stays at 1 entries for 1000 ms
