@topology:manual-receiver
Feature: When a sender connects, and a receiver that starts only on request
  A new sender tries once to connect; if that fails it does not try again until it has a
  batch to send (SEND-10), so a site started before its peer stays unconnected until data
  must go (SEND-11). A manual-start receiver starts only when asked (RECV-5).

  Background:
    Given the topology "manual-receiver" is running
    And the gateway receiver at site 2 is stopped

  @clause:RECV-5
  Scenario: A manual-start receiver does not start with its member, only on request
    When member "site2-m1" is restarted
    Then the gateway receiver at site 2 is not running
    When I put "m1" = "v" in region "data" at site 1
    Then region "data" at site 2 stays at 0 entries for 1500 ms
    And the queue of sender "to-site2" at site 1 holds 1 events
    When the gateway receiver at site 2 is started
    Then the gateway receiver at site 2 is running
    And site 2 eventually has "m1" = "v" in region "data"

  @clause:SEND-10 @clause:SEND-11
  Scenario: A new sender tries to connect once, and not again until it has a batch to send
    When member "site1-m1" is restarted
    Then sender "to-site2" at site 1 eventually counts 1 "connectAttempts"
    And sender "to-site2" at site 1 counts 1 "connectFailures"
    When the gateway receiver at site 2 is started
    Then for 3000 ms sender "to-site2" at site 1 stays unconnected, having counted 1 "connectAttempts"
    And the receiver at site 2 counts 0 "connectionsAccepted"
    When I put "late" = "v" in region "data" at site 1
    Then site 2 eventually has "late" = "v" in region "data"
    And sender "to-site2" at site 1 counts at least 2 "connectAttempts"
    And sender "to-site2" at site 1 is connected through the link to site 2
