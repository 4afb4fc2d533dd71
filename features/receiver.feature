@topology:two-site
Feature: A gateway receiver serves every sender, and a member has at most one
  A second receiver on a member is a configuration error (RECV-4). A connection that sends
  a malformed or oversized frame is closed, with an error logged and counted, and the
  receiver goes on applying what the other senders send (RECV-1).

  Background:
    Given the topology "two-site" is running

  @clause:RECV-4 @needs:runtime-receiver-create
  Scenario: Creating a second gateway receiver on a member is refused, whether its receiver runs or not
    When I create another gateway receiver on member "site2-m1"
    Then it is refused with code "WAN_ERR_RECEIVER_EXISTS" saying "already exists on this member"
    And the gateway receiver at site 2 is running
    When the gateway receiver at site 2 is stopped
    And I create another gateway receiver on member "site2-m1"
    Then it is refused with code "WAN_ERR_RECEIVER_EXISTS" saying "already exists on this member"
    When the gateway receiver at site 2 is started
    When I put "r1" = "v" in region "data" at site 1
    Then site 2 eventually has "r1" = "v" in region "data"

  @clause:RECV-1 @clause:SEC-1 @needs:raw-gateway-input
  Scenario Outline: Bad input closes only its own connection: <what>
    When I put "before-<case>" = "v" in region "data" at site 1
    Then site 2 eventually has "before-<case>" = "v" in region "data"
    Given the counters are noted again
    When a client sends "<what>" to the gateway receiver at site 2 through the link from site 1
    Then the client's connection is eventually closed by the receiver
    And the receiver at site 2 eventually counts 1 "protocolErrors"
    And the log of site 2 has an error mentioning "<logged>"
    When I put "after-<case>" = "v" in region "data" at site 1
    Then site 2 eventually has "after-<case>" = "v" in region "data"
    And the receiver at site 2 counts 0 "connectionsAccepted"
    And sender "to-site2" at site 1 counts 0 "batchesRedistributed"

    Examples:
      | case      | what                                     | logged                |
      | garbage   | a frame that is not MessagePack          | malformed frame       |
      | oversized | a frame longer than the receiver accepts | exceeds the limit     |
      | no-hello  | a batch before any hello                 | before hello          |
