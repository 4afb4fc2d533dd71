Feature: wan-copy brings a site that joins late up to date (GEODE-7)
  Geode's gfsh `wan-copy region --region --sender-id --max-rate --batch-size` copies the
  entries a region already holds to the remote site of one of its senders, so that a site
  added after the writes catches up: events only carry the changes made while a sender runs.
  The copy sends each entry with the version it has, so the receiving site's conflict rule
  keeps whatever it holds that is newer. In three-mesh, stopping the senders to site 3 at
  sites 1 and 2 keeps every write away from site 3 (a stopped serial sender queues nothing).

  Background:
    Given the topology "three-mesh" is running
    And I stop sender "to-site3" at site 1
    And I stop sender "to-site3" at site 2

  @topology:three-mesh @clause:GEODE-7 @needs:wan-copy @needs:custom-resolver
  Scenario: A third site started after the writes converges once its region is wan-copied
    Given member "site3-m1" is killed
    When I put 40 entries with prefix "early" in region "data" at site 1
    And I put "from2" = "written at site 2" in region "data" at site 2
    Then site 1 eventually has 41 entries in region "data"
    When member "site3-m1" is started again
    And I start sender "to-site3" at site 1
    And I start sender "to-site3" at site 2
    Then region "data" at site 3 stays at 0 entries for 1000 ms
    When I wan-copy region "data" at site 1 through sender "to-site3"
    Then the wan-copy eventually ends "done" having copied 41 of 41 entries
    And site 3 eventually has 41 entries in region "data"
    And all sites eventually hold the same entries in region "data"
    When I put "after" = "the copy" in region "data" at site 1
    Then site 3 eventually has "after" = "the copy" in region "data"

  @topology:three-mesh @clause:GEODE-7 @clause:CONS-4 @needs:wan-copy @needs:custom-resolver @needs:conflict-statistics
  Scenario: A copied entry never overwrites a newer one at the receiving site
    Given I stop sender "to-site1" at site 3
    And I stop sender "to-site2" at site 3
    When I put "k" = "old at site 1" in region "data" at site 1
    And I put 9 entries with prefix "more" in region "data" at site 1
    And I put "k" = "newer at site 3" in region "data" at site 3
    And I start sender "to-site3" at site 1
    And I wan-copy region "data" at site 1 through sender "to-site3"
    Then the wan-copy eventually ends "done" having copied 10 of 10 entries
    And site 3 eventually has 10 entries in region "data"
    And site 3 eventually has "k" = "newer at site 3" in region "data"
    And site 3 eventually has "more0" = "more-value-0" in region "data"
    And site 3 discarded 1 event of region "data" as older

  @topology:three-mesh @clause:GEODE-7 @needs:wan-copy @needs:custom-resolver
  Scenario: The copy keeps to its maximum rate and reports its progress
    When I put 200 entries with prefix "rate" in one request in region "data" at site 1
    And I start sender "to-site3" at site 1
    And I wan-copy region "data" at site 1 through sender "to-site3" at most 100 entries per second in batches of 10
    Then the wan-copy is seen running with some but not all entries copied
    And the wan-copy eventually ends "done" having copied 200 of 200 entries
    And the wan-copy took at least 1500 ms by its own clock
    And site 3 eventually has 200 entries in region "data"

  @topology:three-mesh @clause:GEODE-7 @needs:wan-copy @needs:custom-resolver
  Scenario: A cancelled copy stops after its batch in flight
    When I put 200 entries with prefix "cancel" in one request in region "data" at site 1
    And I start sender "to-site3" at site 1
    And I wan-copy region "data" at site 1 through sender "to-site3" at most 20 entries per second in batches of 10
    Then the wan-copy is seen running with some but not all entries copied
    When I cancel the wan-copy
    Then the wan-copy eventually ends "cancelled" having copied fewer than 200 entries
    And region "data" at site 3 stays below 200 entries for 1500 ms

  @topology:three-mesh @clause:GEODE-7 @needs:wan-copy @needs:custom-resolver
  Scenario: A copy the member cannot make is refused with a stable code
    Given the gateway receiver at site 3 is stopped
    And I start sender "to-site3" at site 2
    Then wan-copy requests at site 1 are refused:
      | region  | sender          | status | code                        |
      | nowhere | to-site3        | 404    | WAN_ERR_REGION_UNKNOWN      |
      | data    | to-nowhere      | 404    | WAN_ERR_SENDER_UNKNOWN      |
      | data    | to-site2-orders | 400    | WAN_ERR_SENDER_NOT_ATTACHED |
      | data    | to-site3        | 409    | WAN_ERR_SENDER_NOT_RUNNING  |
    And wan-copy requests at site 2 are refused:
      | region | sender   | status | code                            |
      | data   | to-site3 | 409    | WAN_ERR_REMOTE_SITE_UNREACHABLE |
