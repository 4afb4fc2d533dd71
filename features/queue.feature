@topology:sender-lab
Feature: Queues: bounded memory with overflow to disk, persistence, conflation, retries
  A sender's queue can be persistent, conflated and overflowed to disk, each by
  configuration (ARCH-3). It keeps at most maximumQueueMemoryMb in memory and overflows the
  rest to disk (QUEUE-1); a persistent queue survives its member being killed (QUEUE-3); with
  batch conflation, queued updates of a key go as the latest only (QUEUE-5). While no receiver
  is reachable, batches stay queued and the sender retries every retryIntervalMs (BATCH-5).

  Background:
    Given the topology "sender-lab" is running

  @clause:QUEUE-1 @clause:ARCH-3 @clause:BATCH-5 @needs:applied-log
  Scenario: A backlog many times the memory bound overflows to disk and drains completely, in order
    When the link from site 1 to site 2 is cut
    And I put 6000 entries with prefix "o" and 1000-byte values in region "overflow" at site 1
    Then the queue of sender "overflow" at site 1 eventually holds 6000 events
    And the queue of sender "overflow" at site 1 keeps at most 1 MB in memory and the rest on disk
    And sender "overflow" at site 1 counts at least 5000 "eventsOverflowedToDisk"
    When the link from site 1 to site 2 is restored
    Then while the queue of sender "overflow" at site 1 drains, it never holds more than 1 MB in memory
    And site 2 eventually has 6000 entries in region "overflow"
    And site 2 applied the 6000 puts with prefix "o" in region "overflow" in the order they were made

  @clause:BATCH-5
  Scenario: With no receiver reachable the batch stays queued, and the sender retries every retryIntervalMs
    Then sender "plain" at site 1 has the attributes:
      | retryIntervalMs | 5000 |
    When the link from site 1 to site 2 is cut
    And I put "r1" = "v" in region "data" at site 1
    Then over 5000 ms sender "to-site2" at site 1 keeps 1 event queued and makes between 2 and 6 connection attempts
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has "r1" = "v" in region "data"

  @clause:QUEUE-3 @clause:ARCH-3 @needs:applied-log
  Scenario: A persistent queue survives its member being killed, and picks up where it left off
    When the link from site 1 to site 2 is cut
    And I put 200 entries with prefix "p" in region "durable" at site 1
    Then the queue of sender "durable" at site 1 holds 200 events
    When member "site1-m1" is killed
    And member "site1-m1" is started again
    Then the queue of sender "durable" at site 1 eventually holds 200 events
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 200 entries in region "durable"
    And site 2 applied the 200 puts with prefix "p" in region "durable" in the order they were made

  @clause:QUEUE-3
  Scenario: Every put that returned before a kill in the middle of a write burst is delivered
    When a client keeps putting entries with prefix "z" in region "durable" at site 1
    And member "site1-m1" is killed after at least 300 puts returned
    And member "site1-m1" is started again
    Then every entry whose put returned eventually reaches site 2 in region "durable"

  @clause:QUEUE-3 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: Events a killed member had sent without an acknowledgement are sent again from disk, flagged possibleDuplicate
    When I put "warm" = "v" in region "durable" at site 1
    Then site 2 eventually has "warm" = "v" in region "durable"
    When the link from site 1 to site 2 swallows the traffic from site 2
    And I put 10 entries with prefix "q" in one request in region "durable" at site 1
    Then site 2 eventually has 11 entries in region "durable"
    And the queue of sender "durable" at site 1 holds 10 events
    When member "site1-m1" is killed
    And the toxics are removed from the link from site 1 to site 2
    And member "site1-m1" is started again
    Then the queue of sender "durable" at site 1 is eventually empty
    And the receiver at site 2 counts at least 10 "possibleDuplicatesReceived"
    And site 2 applied the 10 entries with prefix "q" in region "durable", any repeat flagged possibleDuplicate

  @clause:QUEUE-5 @clause:ARCH-3 @container @needs:applied-log
  Scenario: With batch conflation, queued updates of a key go as the latest one only
    When I pause sender "conflated" at site 1
    # The batch a paused dispatcher may already hold (PAUSE-1; batchSize 10) takes these, so
    # every event below waits in the queue, where conflation can reach the creates too.
    And I put 10 entries with prefix "f" in one request in region "conflated" at site 1
    And I put 10 rounds of updates to 10 keys with prefix "c" in one request in region "conflated" at site 1
    Then the queue of sender "conflated" at site 1 holds 30 events
    And sender "conflated" at site 1 counts 80 "eventsConflated"
    When I resume sender "conflated" at site 1
    Then site 2 eventually has 20 entries in region "conflated"
    And every key with prefix "c" in region "conflated" at site 2 eventually holds "round-9"
    And site 2 applied 30 events in region "conflated"

  @clause:QUEUE-5 @needs:applied-log @needs:dispatcher-status
  Scenario: With batch conflation, updates queued behind a batch in flight conflate among themselves only
    When I put 10 entries with prefix "g" in one request in region "conflated" at site 1
    Then site 2 eventually has 10 entries in region "conflated"
    # A batch of updates of the same keys is on its way (slowed down) when more updates come:
    # the batch already sent is out of conflation's reach, the updates behind it are not.
    When the link from site 1 to site 2 delays the traffic from site 1 by 3000 ms
    And I put 1 rounds of updates to 10 keys with prefix "g" in one request in region "conflated" at site 1
    And I pause sender "conflated" at site 1 while a batch is in flight
    And I put 10 rounds of updates to 10 keys with prefix "g" in one request in region "conflated" at site 1
    Then the pause left 10 events in flight
    And the queue of sender "conflated" at site 1 holds 20 events
    And sender "conflated" at site 1 counts 90 "eventsConflated"
    When the toxics are removed from the link from site 1 to site 2
    Then the queue of sender "conflated" at site 1 eventually holds 10 events
    When I resume sender "conflated" at site 1
    Then every key with prefix "g" in region "conflated" at site 2 eventually holds "round-9"
    And site 2 applied 30 events in region "conflated"

  @clause:QUEUE-5 @clause:ARCH-3 @needs:applied-log
  Scenario: Without batch conflation every update is queued and sent
    When I pause sender "to-site2" at site 1
    And I put 10 rounds of updates to 10 keys with prefix "u" in one request in region "data" at site 1
    Then the queue of sender "to-site2" at site 1 holds 100 events
    And sender "to-site2" at site 1 counts 0 "eventsConflated"
    When I resume sender "to-site2" at site 1
    Then site 2 eventually has 10 entries in region "data"
    And every key with prefix "u" in region "data" at site 2 eventually holds "round-9"
    And site 2 applied the 10 rounds of every key with prefix "u" in region "data" in order
