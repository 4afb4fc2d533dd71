@topology:parallel
Feature: A parallel sender dispatches from every member, each for the buckets it holds as primary
  Sender "par-to-site2" is parallel, with three dispatchers per member, and carries the
  partitioned region "orders" of site 1 to site 2. Each member queues the events of the
  buckets it holds (as primary or copy) and dispatches those of its primary buckets.

  Background:
    Given the topology "parallel" is running

  @clause:SEND-5 @clause:HA-4 @needs:bucket-status
  Scenario: Every member dispatches exactly the events of the buckets it holds as primary
    When the bucket primaries of region "orders" at site 1 are recorded
    And the statistics of sender "par-to-site2" at site 1 are recorded
    And I write 90 entries with prefix "p" to region "orders" at site 1
    Then site 2 eventually has 90 entries in region "orders"
    And every member of site 1 distributed through sender "par-to-site2" exactly the events with prefix "p" of its primary buckets

  @clause:SEND-9 @needs:dispatcher-status
  Scenario: The queue of each member is drained by several dispatchers at once
    When I write 150 entries with prefix "d" to region "orders" at site 1
    Then site 2 eventually has 150 entries in region "orders"
    And every dispatcher of sender "par-to-site2" on every member of site 1 dispatched batches

  @clause:SEND-7 @needs:applied-log
  Scenario: The events of one bucket arrive in the order they were made
    When I write 200 entries with prefix "s" to region "orders" at site 1
    Then site 2 eventually has 200 entries in region "orders"
    And site 2 applied the events of region "orders" bucket by bucket in the order they were made

  @clause:HA-5 @needs:bucket-status @needs:possible-duplicate-flag
  Scenario: A member with primary buckets is killed while events wait; the copies take over and deliver them all
    When the link from site 1 to site 2 is cut
    And I write 60 entries with prefix "h" to region "orders" at site 1
    And member "site1-m2" is killed
    Then member "site1-m2" is eventually primary of no bucket of region "orders" at site 1
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 60 entries in region "orders"
    And the receivers of site 2 eventually counted at least 1 possible duplicates

  @clause:HA-5 @clause:STOP-5 @needs:bucket-status
  Scenario: Shutting a member down instead hands its buckets to the copies, which deliver everything
    When the link from site 1 to site 2 is cut
    And I write 60 entries with prefix "g" to region "orders" at site 1
    And member "site1-m3" is shut down
    Then member "site1-m3" is eventually primary of no bucket of region "orders" at site 1
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 60 entries in region "orders"

  @clause:HA-5
  Scenario Outline: Killing any one member during a steady write load loses no acknowledged write
    When a write load of 200 entries with prefix "w" runs against region "orders" at site 1
    And 40 writes of the load are acknowledged
    And member "<member>" is killed
    Then the write load completes
    And every acknowledged write of the load eventually reaches region "orders" at site 2

    Examples:
      | member   |
      | site1-m1 |
      | site1-m3 |
      | site2-m2 |

  @clause:STOP-4 @needs:bucket-status @needs:dropped-events-log
  Scenario: Stopping the parallel sender of one member drops exactly the events that then arrive for its primary buckets
    When the bucket primaries of region "orders" at site 1 are recorded
    And sender "par-to-site2" is stopped on member "site1-m1"
    And I write 60 entries with prefix "x" to region "orders" at site 1
    Then site 2 eventually has exactly the entries with prefix "x" whose bucket primary is not "site1-m1"
    And sender "par-to-site2" on member "site1-m1" reports as dropped exactly the entries with prefix "x" of its primary buckets
    And member "site1-m1" is still primary of the buckets recorded for it in region "orders"

  @clause:STOP-4 @needs:bucket-status @needs:dropped-events-log
  Scenario: With the parallel sender stopped on every member in turn, each drops exactly the events of its own primary buckets
    When the bucket primaries of region "orders" at site 1 are recorded
    And sender "par-to-site2" is stopped on member "site1-m1"
    And sender "par-to-site2" is stopped on member "site1-m2"
    And sender "par-to-site2" is stopped on member "site1-m3"
    And I write 60 entries with prefix "w" to region "orders" at site 1
    Then sender "par-to-site2" on member "site1-m1" reports as dropped exactly the entries with prefix "w" of its primary buckets
    And sender "par-to-site2" on member "site1-m2" reports as dropped exactly the entries with prefix "w" of its primary buckets
    And sender "par-to-site2" on member "site1-m3" reports as dropped exactly the entries with prefix "w" of its primary buckets
    And region "orders" at site 2 stays at 0 entries for 1000 ms
    And member "site1-m1" is still primary of the buckets recorded for it in region "orders"

  @clause:STOP-4 @clause:STOP-5 @needs:applied-log @needs:bucket-status @needs:dropped-events-log @needs:possible-duplicate-flag
  Scenario: Events queued before one member's parallel sender stops stay queued, and a shutdown delivers them; later ones are dropped
    When the bucket primaries of region "orders" at site 1 are recorded
    And the link from site 1 to site 2 is cut
    And I write 60 entries with prefix "k" to region "orders" at site 1
    And sender "par-to-site2" is stopped on member "site1-m1"
    And I write 60 entries with prefix "z" to region "orders" at site 1
    Then sender "par-to-site2" on member "site1-m1" reports as dropped exactly the entries with prefix "z" of its primary buckets
    And the queues of sender "par-to-site2" on member "site1-m1" still hold the entries with prefix "k" of its primary buckets
    When member "site1-m1" is shut down
    And the link from site 1 to site 2 is restored
    Then site 2 eventually has exactly the entries with prefix "z" whose bucket primary is not "site1-m1"
    And site 2 applied the 60 entries with prefix "k" in region "orders", any repeat flagged possibleDuplicate

  @clause:STOP-6 @needs:bucket-status
  Scenario: After one parallel sender was stopped, bringing the whole site down and up again does not bring its events back
    When the bucket primaries of region "orders" at site 1 are recorded
    And sender "par-to-site2" is stopped on member "site1-m2"
    And I write 45 entries with prefix "y" to region "orders" at site 1
    Then site 2 eventually has exactly the entries with prefix "y" whose bucket primary is not "site1-m2"
    When member "site1-m2" is shut down
    Then member "site1-m2" is eventually primary of no bucket of region "orders" at site 1
    When member "site1-m1" is shut down
    And member "site1-m3" is shut down
    And member "site1-m1" is started again
    And member "site1-m2" is started again
    And member "site1-m3" is started again
    Then site 2 eventually has exactly the entries with prefix "y" whose bucket primary is not "site1-m2"

  @clause:PAUSE-2 @needs:bucket-status
  Scenario: Pausing one member's parallel sender leaves the other members dispatching
    When the bucket primaries of region "orders" at site 1 are recorded
    And sender "par-to-site2" is paused on member "site1-m3"
    And I write 60 entries with prefix "q" to region "orders" at site 1
    Then site 2 eventually has exactly the entries with prefix "q" whose bucket primary is not "site1-m3"
    When sender "par-to-site2" is resumed on member "site1-m3"
    Then site 2 eventually has 60 entries in region "orders"
