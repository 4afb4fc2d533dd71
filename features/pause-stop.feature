@topology:sender-lab
Feature: Pausing, resuming and stopping a sender
  Pausing stops dispatching on that member while events keep being queued; resuming sends
  them (PAUSE-1). A batch already in flight when the pause comes is still delivered: at most
  one batch arrives after the pause (PAUSE-4). Stopping acts on the member where it is
  called (STOP-1) and waits up to maximumShutdownWaitS for the queue to drain, -1 meaning
  until it is empty (STOP-3).

  @clause:PAUSE-1 @container
  Scenario: A paused sender keeps queueing while the other direction flows; resume sends the rest
    Given the topology "two-site" is running
    When I pause sender "to-site2" at site 1
    And I put 20 entries with prefix "p" in region "data" at site 1
    And I put 5 entries with prefix "q" in region "data" at site 2
    Then the queue of sender "to-site2" at site 1 eventually holds 20 events
    And sender "to-site2" at site 1 is paused
    And site 1 eventually has 25 entries in region "data"
    And region "data" at site 2 stays at 5 entries for 1500 ms
    When I resume sender "to-site2" at site 1
    Then site 2 eventually has 25 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty

  @clause:PAUSE-4 @needs:dispatcher-status
  Scenario: The batch in flight when the pause comes is delivered, and nothing after it
    Given the topology "sender-lab" is running
    When I put "warm" = "v" in region "data" at site 1
    Then site 2 eventually has "warm" = "v" in region "data"
    When the link from site 1 to site 2 delays the traffic from site 1 by 3000 ms
    And I put 30 entries with prefix "f" in one request in region "data" at site 1
    And I pause sender "to-site2" at site 1 while a batch is in flight
    Then the pause left 10 events in flight
    And site 2 eventually has 11 entries in region "data"
    When the toxics are removed from the link from site 1 to site 2
    Then region "data" at site 2 stays at 11 entries for 2000 ms
    And the queue of sender "to-site2" at site 1 holds 20 events
    When I resume sender "to-site2" at site 1
    Then site 2 eventually has 31 entries in region "data"

  @clause:STOP-1
  Scenario: Stopping a sender stops it on the member where it is called, and only there
    Given the topology "two-members" is running
    When I stop sender "to-site2" on member "site1-m1"
    Then sender "to-site2" on member "site1-m1" is stopped
    And sender "to-site2" on member "site1-m2" is running
    When I put "s1" = "v" in region "data" on member "site1-m2"
    Then site 2 eventually has "s1" = "v" in region "data"

  @clause:STOP-3
  Scenario: With maximumShutdownWaitS -1 a stopping sender waits until its queue is empty
    Given the topology "sender-lab" is running
    When the link from site 1 to site 2 is cut
    And I put 20 entries with prefix "w" in region "draining" at site 1
    And I start stopping sender "draining" at site 1
    Then the stop of sender "draining" is still waiting after 1500 ms
    When the link from site 1 to site 2 is restored
    Then the stop of sender "draining" eventually completes
    And site 2 eventually has 20 entries in region "draining"
    And sender "draining" at site 1 is stopped

  @clause:STOP-3
  Scenario: With maximumShutdownWaitS 2 a stopping sender waits 2 s, then its queue is dropped
    Given the topology "sender-lab" is running
    When the link from site 1 to site 2 is cut
    And I put 20 entries with prefix "x" in region "waiting" at site 1
    And I stop sender "waiting" at site 1
    Then the stop took at least 2000 ms
    And the queue of sender "waiting" at site 1 holds 0 events
    When the link from site 1 to site 2 is restored
    Then region "waiting" at site 2 stays at 0 entries for 1500 ms

  @clause:STOP-3 @container
  Scenario: By default a stopping sender does not wait, and its queue is dropped
    Given the topology "sender-lab" is running
    Then sender "plain" at site 1 has the attributes:
      | maximumShutdownWaitS | 0 |
    When the link from site 1 to site 2 is cut
    And I put 20 entries with prefix "y" in region "plain" at site 1
    Then the queue of sender "plain" at site 1 eventually holds 20 events
    When I stop sender "plain" at site 1
    Then the stop took less than 5000 ms
    And the queue of sender "plain" at site 1 holds 0 events
    When the link from site 1 to site 2 is restored
    Then region "plain" at site 2 stays at 0 entries for 1500 ms
