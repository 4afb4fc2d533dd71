@topology:sender-lab
Feature: Batches go when full or when the interval passes, and leave the queue on an ack
  A batch is sent when batchSize events are ready or batchTimeIntervalMs has passed
  (QUEUE-2); in an idle system a single event waits up to the interval (QUEUE-4). The
  dispatcher removes a batch from the queue only after the receiver acknowledged it (BATCH-1).

  Background:
    Given the topology "sender-lab" is running

  @clause:QUEUE-2 @needs:applied-log
  Scenario: Full batches go at once; the remainder waits for the batch interval
    # Exactly two full batches (batchSize 10): the last full one must not wait either.
    When I put 20 entries with prefix "b" in one request in region "slow" at site 1
    Then site 2 eventually has 20 entries in region "slow"
    And the event "b19" in region "slow" reached site 2 between 0 and 3000 ms after it was written
    And sender "slow" at site 1 counts 2 "batchesAcknowledged"
    When I put 5 entries with prefix "r" in one request in region "slow" at site 1
    Then region "slow" at site 2 stays at 20 entries for 1500 ms
    And site 2 eventually has 25 entries in region "slow"
    And sender "slow" at site 1 counts 3 "batchesAcknowledged"

  @clause:QUEUE-2
  Scenario: A queue holding more than two batches sends exactly batchSize events per batch, the rest after the interval
    # The events are all queued before the dispatcher peeks, so a batch cut one event late
    # would show: 22 entries, not 20, before the interval passes.
    When I pause sender "slow" at site 1
    And I put 25 entries with prefix "q" in one request in region "slow" at site 1
    And I resume sender "slow" at site 1
    Then site 2 eventually has 20 entries in region "slow"
    And region "slow" at site 2 stays at 20 entries for 1500 ms
    And site 2 eventually has 25 entries in region "slow"
    And sender "slow" at site 1 counts 3 "batchesAcknowledged"

  @clause:QUEUE-2 @clause:QUEUE-4 @needs:applied-log
  Scenario: In an idle system a single event waits for the batch interval, then goes alone
    When I put "alone" = "v" in region "slow" at site 1
    Then region "slow" at site 2 stays at 0 entries for 2000 ms
    And site 2 eventually has "alone" = "v" in region "slow"
    And the event "alone" in region "slow" reached site 2 between 3900 and 7000 ms after it was written
    And sender "slow" at site 1 counts 1 "batchesAcknowledged"

  @clause:BATCH-1
  Scenario: A batch leaves the queue only when its acknowledgement arrives
    When I put "warm" = "v" in region "data" at site 1
    Then site 2 eventually has "warm" = "v" in region "data"
    When the link from site 1 to site 2 delays the traffic from site 2 by 4000 ms
    And I put 10 entries with prefix "a" in one request in region "data" at site 1
    Then site 2 eventually has 11 entries in region "data"
    And the queue of sender "to-site2" at site 1 holds 10 events
    And the queue of sender "to-site2" at site 1 is eventually empty
    And sender "to-site2" at site 1 counts 0 "batchesRedistributed"
