@topology:hub-spoke-auth
Feature: Discovery by relay, under authentication, with changes pushed at once
  In "hub-spoke-auth" the spokes (sites 1 and 3) contact only the hub (site 2, two locators),
  which contacts nobody; every exchange is authenticated, and the periodic exchange comes
  only once a minute. So whatever a spoke knows of the other went through the hub, and any
  change that reaches a site within a scenario was pushed when it happened (issue 21).

  Background:
    Given the topology "hub-spoke-auth" is running

  @clause:DISC-4 @clause:DISC-5 @needs:site-authentication @needs:locator-view
  Scenario: With authentication on, site 1 learns site 3's receivers through site 2 only, and uses them
    Then no locator of site 1 is configured to contact site 3
    And no locator of site 3 is configured to contact site 1
    And the locators of site 1 eventually know the receivers of site 3
    And the locators of site 3 eventually know the receivers of site 1
    When I put "through-hub" = "v" in region "direct" at site 1
    Then site 3 eventually has "through-hub" = "v" in region "direct"
    And sender "to-site3" at site 1 is connected through the link to site 3

  @clause:DISC-2 @needs:site-authentication @needs:locator-view
  Scenario Outline: A spoke's locator that starts while hub locator <down> is down learns everything from the other one
    When the locator "<down>" is stopped
    And the locator "site1-locator" is stopped
    And the locator "site1-locator" is started
    Then the locators of site 1 eventually know the receivers of site 2
    And the locators of site 1 eventually know the receivers of site 3

    Examples:
      | down            |
      | site2-locator-a |
      | site2-locator-b |

  @clause:DISC-3 @needs:site-authentication @needs:locator-view
  Scenario: What a spoke knows reaches the hub in the spoke's own exchanges, though the hub cannot reach it
    When the link from site 2 to site 3 is cut
    And member "site3-m1" is shut down
    Then the locators of site 2 eventually see the receiver of member "site3-m1" as down
    And the locators of site 1 eventually see the receiver of member "site3-m1" as down

  @clause:DISC-6 @needs:site-authentication @needs:locator-view
  Scenario: A hub locator that stops and starts again is announced to both spokes at once
    When the locator "site2-locator-a" is stopped
    Then the locators of site 1 eventually see locator "site2-locator-a" as down
    And the locators of site 3 eventually see locator "site2-locator-a" as down
    When the locator "site2-locator-a" is started
    Then the locators of site 1 eventually see locator "site2-locator-a" up again, restarted
    And the locators of site 3 eventually see locator "site2-locator-a" up again, restarted

  @clause:DISC-6 @needs:site-authentication @needs:locator-view
  Scenario: A spoke's locator that stops and starts again is announced to the other spoke through the hub at once
    When the locator "site1-locator" is stopped
    Then the locators of site 3 eventually see locator "site1-locator" as down
    When the locator "site1-locator" is started
    Then the locators of site 3 eventually see locator "site1-locator" up again, restarted

  @clause:SEC-4 @needs:site-authentication @needs:raw-cluster-input @needs:locator-view
  Scenario: One site's credentials cannot change the records of a site the locator hears from itself
    When a client with the credentials of site 3 sends locator "site1-locator" an exchange claiming site 3 that moves the receiver of member "site2-m1" to a fake address
    Then locator "site1-locator" lists no receiver at the fake address
    When a client with the credentials of site 1 sends locator "site2-locator-a" an exchange claiming site 1 that moves the receiver of member "site3-m1" to a fake address
    Then locator "site2-locator-a" lists no receiver at the fake address
    When I put "after-forged-relay" = "v" in region "data" at site 1
    Then site 2 eventually has "after-forged-relay" = "v" in region "data"
    And site 3 eventually has "after-forged-relay" = "v" in region "data"

  @clause:SEND-2 @needs:site-authentication
  Scenario: Senders that connect anew try only the receivers of their own remote site
    When member "site1-m1" is restarted
    And member "site2-m1" is restarted
    And member "site3-m1" is restarted
    And I put "from-1" = "v" in region "data" at site 1
    And I put "from-3" = "v" in region "data" at site 3
    And I put "direct-1" = "v" in region "direct" at site 1
    Then site 3 eventually has "from-1" = "v" in region "data"
    And site 1 eventually has "from-3" = "v" in region "data"
    And site 3 eventually has "direct-1" = "v" in region "direct"
    And every sender is connected only to a gateway receiver of its remote site
    And the receiver at site 1 counts 0 "handshakesRefused"
    And the receiver at site 2 counts 0 "handshakesRefused"
    And the receiver at site 3 counts 0 "handshakesRefused"
