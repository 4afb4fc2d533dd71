@topology:failing-events
Feature: No batch blocks a sender: oversized batches are split, oversized and rejected events are dealt with
  A batch larger than the receiver's frame limit goes in halves until it fits; an event too
  large for any frame is removed from the queue, counted and listed, and the lane goes on
  (Geode resizes batches on MessageTooLargeException). An event the receiver fails to apply
  leaves the queue with removeFromQueueOnException true (Geode's default) or stays and is sent
  again with false; the failure is counted and listed either way. A receiver with a bad bind
  address is refused with its own code, and can be replaced without restarting its member
  (issue 14, findings 5 to 7).

  Background:
    Given the topology "failing-events" is running

  @clause:BATCH-1 @clause:BATCH-3 @needs:runtime-receiver-create @needs:sender-failure-log
  Scenario: A batch over the receiver's frame limit is split; an event too large for any frame is set aside, and the lane goes on
    When the receiver of member "site2-m1" is replaced by one with:
      | maxFrameBytes | 4096 |
    And I pause sender "to-site2" at site 1
    And I put 10 entries with prefix "s" and 1000-byte values in region "data" at site 1
    And I put 1 entries with prefix "huge" and 6000-byte values in region "data" at site 1
    And I put 5 entries with prefix "t" and 1000-byte values in region "data" at site 1
    And I resume sender "to-site2" at site 1
    Then site 2 eventually has 15 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And sender "to-site2" at site 1 counts at least 1 "batchesResized"
    And sender "to-site2" at site 1 counts 1 "eventsTooLarge"
    And sender "to-site2" at site 1 counts 1 "eventsFailed"
    And the last failure of sender "to-site2" at site 1 names "huge0" in region "data" with code "WAN_ERR_FRAME_TOO_LARGE"
    And site 2 applied the events with prefix "s" in region "data" in the order site 1 queued them

  @clause:RECV-2 @clause:BATCH-3 @needs:sender-failure-log
  Scenario: With removeFromQueueOnException true (the default) a rejected event leaves the queue, counted and listed
    Then sender "to-site2" at site 1 has the attributes:
      | removeFromQueueOnException | true |
    When I pause sender "to-site2" at site 1
    And I put "d1" = "v1" in region "data" at site 1
    And I put "x1" = "v" in region "only-here" at site 1
    And I put "d2" = "v2" in region "data" at site 1
    And I resume sender "to-site2" at site 1
    Then site 2 eventually has "d2" = "v2" in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And sender "to-site2" at site 1 counts 1 "eventsFailed"
    And sender "to-site2" at site 1 counts 0 "eventsRetried"
    And the last failure of sender "to-site2" at site 1 names "x1" in region "only-here" with code "WAN_ERR_REGION_UNKNOWN" after "d1"

  @clause:RECV-2 @clause:BATCH-3 @needs:sender-failure-log
  Scenario: With removeFromQueueOnException false a rejected event stays queued and is sent again, counted and listed
    Then sender "keeping" at site 1 has the attributes:
      | removeFromQueueOnException | false |
    When I pause sender "keeping" at site 1
    And I put "k1" = "v1" in region "kept" at site 1
    And I put "x1" = "v" in region "kept-only-here" at site 1
    And I put "k2" = "v2" in region "kept" at site 1
    And I resume sender "keeping" at site 1
    Then site 2 eventually has "k1" = "v1" in region "kept"
    And sender "keeping" at site 1 eventually counts at least 2 "eventsRetried"
    And the queue of sender "keeping" at site 1 holds 2 events
    And sender "keeping" at site 1 counts at least 2 "eventsFailed"
    And the last failure of sender "keeping" at site 1 names "x1" in region "kept-only-here" with code "WAN_ERR_REGION_UNKNOWN"

  @clause:RECV-4 @clause:RECV-5 @needs:runtime-receiver-create
  Scenario: A receiver with a bad bind address is refused with its own code and a hint that works; its replacement takes batches
    When the receiver of member "site2-m1" is removed
    Then member "site2-m1" has no gateway receiver
    When a receiver is created on member "site2-m1" with:
      | bindAddress | "192.0.2.1" |
    Then it is refused with code "WAN_ERR_BIND_ADDRESS_UNAVAILABLE" saying "192.0.2.1"
    And its hint mentions "POST /v1/receiver"
    And member "site2-m1" has no gateway receiver
    When a receiver is created on member "site2-m1" with:
      | bindAddress | "127.0.0.1" |
    And I put "r1" = "v" in region "data" at site 1
    Then site 2 eventually has "r1" = "v" in region "data"
