@topology:parallel-persistent
Feature: A persistent parallel sender loses no queued event over a whole-site restart, and parallel queues overflow to disk
  Each member of site 1 persists its queues of every bucket it holds, primary and copies, in
  one store per sender. After the whole site is shut down, the member relaunched first holds
  every queued event of its buckets; the other, relaunched later, holds its own copies again,
  deduplicated by event id; everything is delivered once the receiver is reachable, any repeat
  flagged possibleDuplicate (issue 14, finding 4). A parallel sender's bucket queues share one
  maximumQueueMemoryMb per member and overflow the rest to disk (QUEUE-1).

  Background:
    Given the topology "parallel-persistent" is running

  @clause:QUEUE-3 @clause:HA-5 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: The whole site shut down with the link cut; the second member relaunched first; every event is delivered
    When the link from site 1 to site 2 is cut
    And I put 50 entries with prefix "d" in region "orders" at site 1
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable-par"
    When members "site1-m1" and "site1-m2" are shut down at once
    And member "site1-m2" is started again
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable-par"
    When member "site1-m1" is started again
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable-par"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 50 entries in region "orders"
    And every running member of site 1 eventually holds 0 events in the queue of sender "durable-par"
    And site 2 applied the 50 entries with prefix "d" in region "orders", any repeat flagged possibleDuplicate

  @clause:QUEUE-3 @clause:HA-5 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: The whole site shut down with the link cut; the first member relaunched first; every event is delivered
    When the link from site 1 to site 2 is cut
    And I put 50 entries with prefix "e" in region "orders" at site 1
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable-par"
    When members "site1-m1" and "site1-m2" are shut down at once
    And member "site1-m1" is started again
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable-par"
    When member "site1-m2" is started again
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable-par"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 50 entries in region "orders"
    And every running member of site 1 eventually holds 0 events in the queue of sender "durable-par"
    And site 2 applied the 50 entries with prefix "e" in region "orders", any repeat flagged possibleDuplicate

  @clause:QUEUE-1 @clause:ARCH-3 @needs:applied-log
  Scenario: Under a small maximumQueueMemoryMb the bucket queues overflow to disk and drain completely
    When the link from site 1 to site 2 is cut
    And I put 3000 entries with prefix "o" and 1000-byte values in region "spill" at site 1
    Then every running member of site 1 eventually holds 3000 events in the queue of sender "spill-par"
    And the queue of sender "spill-par" on member "site1-m1" keeps at most 1 MB in memory and the rest on disk
    And the queue of sender "spill-par" on member "site1-m2" keeps at most 1 MB in memory and the rest on disk
    And sender "spill-par" at site 1 counts at least 1000 "eventsOverflowedToDisk"
    When the link from site 1 to site 2 is restored
    Then while the queue of sender "spill-par" on member "site1-m1" drains, it never holds more than 1 MB in memory
    And site 2 eventually has 3000 entries in region "spill"
    And site 2 applied the 3000 entries with prefix "o" in region "spill" exactly once each
