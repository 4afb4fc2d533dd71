Feature: Locators discover remote sites transitively and announce locators that start or stop
  Each site's locators carry its distributed-system-id and exchange what they know of every
  site's locators and gateway receivers with the locators they contact, passing on what they
  learned from others. In "hub-spoke" the spokes (sites 1 and 3) contact only the hub (site 2),
  which contacts nobody: everything the spokes know of each other went through the hub.

  @topology:hub-spoke @clause:DISC-1 @container @needs:clock-offset @needs:locator-view
  Scenario: Every locator carries its site's distributed-system-id and knows the others by theirs
    Given the topology "hub-spoke" is running
    Then every locator reports the distributed-system-id of its site and knows all 3 sites by theirs

  @topology:hub-spoke @clause:DISC-4 @clause:DISC-3 @clause:DISC-5 @needs:clock-offset @needs:locator-view
  Scenario: With 1→2 and 3→2 configured, site 1 learns site 3's receivers through site 2, and uses them
    Given the topology "hub-spoke" is running
    Then no locator of site 1 is configured to contact site 3
    And no locator of site 3 is configured to contact site 1
    And no locator of site 2 is configured to contact site 1
    And the locators of site 1 eventually know the receivers of site 3
    And the locators of site 3 eventually know the receivers of site 1
    When I put "through-hub" = "v" in region "direct" at site 1
    Then site 3 eventually has "through-hub" = "v" in region "direct"
    And sender "to-site3" at site 1 is connected through the link to site 3

  @topology:hub-spoke @clause:DISC-6 @needs:clock-offset @needs:locator-view
  Scenario: A locator that stops, then starts again, is announced to the connected sites
    Given the topology "hub-spoke" is running
    When the locator "site2-locator-a" is stopped
    Then the locators of site 1 eventually see locator "site2-locator-a" as down
    And the locators of site 3 eventually see locator "site2-locator-a" as down
    When the locator "site2-locator-a" is started
    Then the locators of site 1 eventually see locator "site2-locator-a" up again, restarted
    And the locators of site 3 eventually see locator "site2-locator-a" up again, restarted

  @topology:hub-spoke @clause:DISC-6 @needs:clock-offset @needs:locator-view
  Scenario: A spoke's locator that restarts is announced to the other spoke through the hub
    Given the topology "hub-spoke" is running
    When the locator "site1-locator" is stopped
    Then the locators of site 3 eventually see locator "site1-locator" as down
    When the locator "site1-locator" is started
    Then the locators of site 3 eventually see locator "site1-locator" up again, restarted

  # Geode's locators never announce a stop (shared/reference/geode-wan.md §5); a site can ask
  # for that behaviour with `announceLocatorShutdown: false`, as site 3 of "hub-spoke" does.
  @topology:hub-spoke @needs:clock-offset @needs:locator-view
  Scenario: With Geode's behaviour a stopping locator is not announced
    Given the topology "hub-spoke" is running
    When the locator "site3-locator" is stopped
    Then the locators of site 1 still see locator "site3-locator" as up for 2000 ms
    And the locators of site 2 still see locator "site3-locator" as up for 500 ms

  @topology:hub-spoke @clause:DISC-2 @clause:DISC-5 @clause:CONS-1 @needs:clock-offset @needs:locator-view
  Scenario: A site with two locators keeps working when one of them stops
    Given the topology "hub-spoke" is running
    When the locator "site2-locator-a" is stopped
    And the links between site 1 and site 2 are cut
    And the links between site 2 and site 3 are cut
    And the links between site 1 and site 2 are restored
    And the links between site 2 and site 3 are restored
    And I put "after-stop" = "v" in region "data" at site 1
    And I put "after-stop-3" = "v" in region "data" at site 3
    Then every site eventually holds the write from site 1 to "after-stop" in region "data"
    And every site eventually holds the write from site 3 to "after-stop-3" in region "data"
    And sender "to-site3" at site 2 is connected through the link to site 3
    And the locators of site 1 eventually know the receivers of site 3
    And all sites eventually hold the same entries in region "data"

  @topology:hub-spoke @clause:SEND-2 @clause:DISC-5 @needs:clock-offset
  Scenario: Every sender talks only to a gateway receiver of its remote site
    Given the topology "hub-spoke" is running
    When I put "s1" = "v" in region "data" at site 1
    And I put "s2" = "v" in region "data" at site 2
    And I put "s3" = "v" in region "data" at site 3
    And I put "s4" = "v" in region "direct" at site 1
    Then site 3 eventually has "s4" = "v" in region "direct"
    And every sender is connected only to a gateway receiver of its remote site

  @clause:DISC-7
  Scenario: A multi-site topology without locators is rejected before it runs
    When I check this topology:
      """
      name: no-locators
      sites:
        - name: a
          id: 1
          members: [a-m1]
        - name: b
          id: 2
          locators: []
          members: [b-m1]
      """
    Then it is rejected at line 8, field "sites[1].locators", saying:
      """
      site "b" has no locator, but a multi-site topology discovers remote sites through locators
      """

  @clause:DISC-1
  Scenario: Two sites with the same distributed-system-id are rejected before they run
    When I check this topology:
      """
      name: same-id
      sites:
        - name: a
          id: 7
          members: [a-m1]
        - name: b
          id: 7
          members: [b-m1]
      """
    Then it is rejected at line 7, field "sites[1].id", saying:
      """
      distributed-system-id 7 is already used by site "a"
      """
