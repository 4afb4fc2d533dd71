@topology:parallel
Feature: Senders spread their connections over the receivers of the remote site
  Site 2 runs a gateway receiver on each of its two members. The parallel sender of site 1 has
  three dispatchers on each of its three members, each dispatcher with its own connection.

  Background:
    Given the topology "parallel" is running

  @clause:RECV-3 @needs:dispatcher-status @needs:locator-view
  Scenario: Dispatchers that connect once both receivers are known use both, and when one goes away the other takes over without loss
    # Connecting while one receiver is not yet listed spreads the lanes by accident (or not at
    # all: a lane keeps its receiver until it fails or is rebalanced, RECV-6); here every lane
    # connects afresh with both receivers listed.
    Given the locators of site 1 eventually know the receivers of site 2
    When I stop sender "par-to-site2" on member "site1-m1"
    And I stop sender "par-to-site2" on member "site1-m2"
    And I stop sender "par-to-site2" on member "site1-m3"
    And I start sender "par-to-site2" on member "site1-m1"
    And I start sender "par-to-site2" on member "site1-m2"
    And I start sender "par-to-site2" on member "site1-m3"
    And I write 90 entries with prefix "k" to region "orders" at site 1
    Then site 2 eventually has 90 entries in region "orders"
    And the connections of sender "par-to-site2" at site 1 eventually use the receivers of "site2-m1, site2-m2"
    When the receiver of member "site2-m1" is stopped
    And I write 90 entries with prefix "e" to region "orders" at site 1
    Then site 2 eventually has 180 entries in region "orders"
    And the connections of sender "par-to-site2" at site 1 eventually use the receivers of "site2-m2"

  @clause:RECV-6 @needs:dispatcher-status @needs:sender-rebalance
  Scenario: A rebalance spreads the connections over all receivers, including one started after they connected
    When the receiver of member "site2-m2" is stopped
    And I write 90 entries with prefix "b" to region "orders" at site 1
    Then the connections of sender "par-to-site2" at site 1 eventually use the receivers of "site2-m1"
    When the receiver of member "site2-m2" is started
    And I write 90 entries with prefix "n" to region "orders" at site 1
    Then site 2 eventually has 180 entries in region "orders"
    And the connections of sender "par-to-site2" at site 1 stay on the receiver of "site2-m1" for 1000 ms
    When sender "par-to-site2" is rebalanced on every member of site 1
    And I write 90 entries with prefix "r" to region "orders" at site 1
    Then site 2 eventually has 270 entries in region "orders"
    And the connections of sender "par-to-site2" at site 1 eventually use the receivers of "site2-m1, site2-m2"
