@topology:ha-serial
Feature: The members of a site share one view of who is in it, oldest first
  Site 1 has two locators and three members. Each locator orders the members by when their
  session joined, so every locator and every member lists them in the same order and "the
  oldest running member" means the same thing everywhere. A member that dies or stays frozen
  past the member timeout leaves; one that comes back joins again as the youngest.

  Background:
    Given the topology "ha-serial" is running

  @needs:cluster-view @needs:locator-view
  Scenario: Both locators and every member list the same members in the same order
    Then the view of site 1 eventually lists 3 members, the same at every locator and member
    And the view of site 2 eventually lists 2 members, the same at every locator and member

  @needs:cluster-view @needs:locator-view
  Scenario: A killed member leaves the view, and joins as the youngest when it restarts
    When member "site1-m1" is killed
    Then the view of site 1 eventually lists 2 members, without "site1-m1"
    When member "site1-m1" is started again
    Then member "site1-m1" is eventually the youngest of 3 members of site 1 in every view

  @needs:cluster-view @needs:locator-view
  Scenario: A frozen member leaves after the member timeout, and rejoins as the youngest when thawed
    When member "site1-m2" is frozen
    Then the view of site 1 eventually lists 2 members, without "site1-m2"
    When member "site1-m2" is thawed
    Then member "site1-m2" is eventually the youngest of 3 members of site 1 in every view

  @needs:cluster-view @needs:locator-view
  Scenario: A member that defines a sender differently is refused, and the site goes on without it
    When member "site1-m3" is restarted with its sender "to-site2" changed to "batchConflation: true"
    Then its start is refused with "WAN_ERR_MEMBER_REFUSED"
    And its start is refused with "batchConflation true vs false"
    And the view of site 1 eventually lists 2 members, without "site1-m3"
    When I put 5 entries with prefix "r" in region "data" at site 1
    Then site 2 eventually has 5 entries in region "data"
    And every running member of site 1 eventually has 5 entries in region "data"
