@topology:ha-serial
Feature: A replicated region is held by every member of its site
  Region "data" is replicated on the three members of site 1: a write returns once every live
  member holds it, and a member that restarts catches up before it serves.

  Background:
    Given the topology "ha-serial" is running

  Scenario: A write at one member is at every other member as soon as it returns
    When I put "x" = "1" in region "data" at member "site1-m2"
    Then member "site1-m1" answers with "x" = "1" in region "data"
    And member "site1-m3" answers with "x" = "1" in region "data"

  Scenario: A restarted member holds every entry written while it was down before it serves
    When member "site1-m3" is killed
    And I put 25 entries with prefix "d" in region "data" at member "site1-m1"
    And member "site1-m3" is started again
    Then member "site1-m3" has 25 entries in region "data"
    And member "site1-m3" answers with "d24" = "d-value-24" in region "data"

  @needs:cluster-view @needs:locator-view
  Scenario: A member that was frozen past the timeout catches up on what it missed
    When member "site1-m1" is frozen
    Then the view of site 1 eventually lists 2 members, without "site1-m1"
    When I put 10 entries with prefix "z" in region "data" at member "site1-m2"
    And member "site1-m1" is thawed
    Then member "site1-m1" eventually has 10 entries in region "data"
