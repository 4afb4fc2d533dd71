@topology:sender-lab
Feature: Acknowledgements, failures and resends: no event is lost
  A receiver that fails on an event answers with a failure acknowledgement naming the failed
  event and the last applied one; the sender removes both, logs, counts and goes on (BATCH-3,
  RECV-2). A batch cut off mid-way, or whose acknowledgement never comes, stays queued
  (BATCH-1) and is sent again whole, flagged possibleDuplicate, and the receiver drops what it
  already applied (BATCH-2, BATCH-4).
  Faults come from Toxiproxy toxics on the link.

  Background:
    Given the topology "sender-lab" is running

  @clause:RECV-2 @clause:BATCH-3 @needs:sender-failure-log
  Scenario: An event for a region the remote site lacks fails alone; the sender goes on
    When I pause sender "to-site2" at site 1
    And I put "d1" = "v1" in region "data" at site 1
    And I put "x1" = "v" in region "only-here" at site 1
    And I put "d2" = "v2" in region "data" at site 1
    And I resume sender "to-site2" at site 1
    Then site 2 eventually has "d2" = "v2" in region "data"
    And site 2 eventually has "d1" = "v1" in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And the receiver at site 2 counts 1 "exceptions"
    And the receiver at site 2 counts 3 "eventsReceived"
    And the receiver at site 2 counts 0 "duplicatesDropped"
    And sender "to-site2" at site 1 counts 1 "eventsFailed"
    And sender "to-site2" at site 1 counts 3 "eventsDistributed"
    And the last failure of sender "to-site2" at site 1 names "x1" in region "only-here" with code "WAN_ERR_REGION_UNKNOWN" after "d1"
    And the log of site 1 has an error mentioning "x1"
    And sender "to-site2" at site 1 counts 2 "batchesAcknowledged"

  @clause:BATCH-2 @needs:applied-log
  Scenario: A batch cut off mid-way is sent again once the link heals; nothing is lost
    When the link from site 1 to site 2 cuts every connection after 1500 bytes from site 1
    And I put 30 entries with prefix "m" and 100-byte values in region "data" at site 1
    Then sender "to-site2" at site 1 eventually counts at least 1 "batchesRedistributed"
    And region "data" at site 2 stays at 0 entries for 1000 ms
    When the toxics are removed from the link from site 1 to site 2
    Then site 2 eventually has 30 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And site 2 applied the 30 entries with prefix "m" in region "data" exactly once each

  @clause:BATCH-2 @clause:BATCH-1 @needs:applied-log
  Scenario: A batch whose acknowledgement is lost to a reset is sent again flagged possibleDuplicate
    When I put "warm" = "v" in region "data" at site 1
    Then site 2 eventually has "warm" = "v" in region "data"
    When the link from site 1 to site 2 resets every connection 0 ms after site 2 sends
    And I put 10 entries with prefix "k" in one request in region "data" at site 1
    Then site 2 eventually has 11 entries in region "data"
    And sender "to-site2" at site 1 eventually counts at least 1 "batchesRedistributed"
    And the queue of sender "to-site2" at site 1 holds 10 events
    When the toxics are removed from the link from site 1 to site 2
    Then the queue of sender "to-site2" at site 1 is eventually empty
    And the receiver at site 2 counts at least 10 "possibleDuplicatesReceived"
    And the receiver at site 2 counts at least 10 "duplicatesDropped"
    And site 2 applied the 10 entries with prefix "k" in region "data" exactly once each

  @clause:BATCH-4 @needs:applied-log
  Scenario: A batch the receiver never acknowledges is sent again, whole, after the read timeout
    When I put "warm" = "v" in region "impatient" at site 1
    Then site 2 eventually has "warm" = "v" in region "impatient"
    When the link from site 1 to site 2 swallows the traffic from site 2
    And I put 10 entries with prefix "n" in one request in region "impatient" at site 1
    Then site 2 eventually has 11 entries in region "impatient"
    And sender "impatient" at site 1 eventually counts at least 1 "batchesRedistributed"
    And the queue of sender "impatient" at site 1 holds 10 events
    When the toxics are removed from the link from site 1 to site 2
    Then the queue of sender "impatient" at site 1 is eventually empty
    And the receiver at site 2 counts at least 10 "duplicatesDropped"
    And site 2 applied the 10 entries with prefix "n" in region "impatient" exactly once each
