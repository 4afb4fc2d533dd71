Feature: Concurrent writes to one key at several sites converge on the default rule's winner
  Three sites in a full mesh write the same key while Toxiproxy delays some links, so that
  every site sees the writes arrive in a different order. Each site keeps the version of every
  entry (timestamp, distributed-system-id, member, entry version); a received event older than
  the entry is discarded and, on equal timestamps, the higher distributed-system-id wins. Every
  site must end with the write the rule predicts, value and version alike.

  @topology:three-mesh @clause:CONS-1 @clause:CONS-3 @container @needs:applied-log @needs:custom-resolver
  Scenario: Every site holds a write with the version its origin site stamped
    Given the topology "three-mesh" is running
    When I put "stamped" = "v1" in region "data" at site 2
    Then the write from site 2 to "stamped" in region "data" is stamped with its site's id and the time it was made
    And every site eventually holds the write from site 2 to "stamped" in region "data"
    And site 1 received "stamped" in region "data" from site 2
    And the event for "stamped" in region "data" reached site 3 with origin site 2 and recipients "1, 3"

  @topology:three-mesh @clause:CONS-4 @clause:CONS-1 @needs:conflict-statistics @needs:custom-resolver
  Scenario: Two sites race; the later write wins although it reaches one site first
    Given the topology "three-mesh" is running
    When events from site 2 to site 1 are delayed by 2000 ms
    And events from site 2 to site 3 are delayed by 2000 ms
    And sites 2 and 1 write "race2" in region "data", in that order
    Then the default rule picks the write from site 1 to "race2" in region "data"
    And every site eventually holds the write from site 1 to "race2" in region "data"
    And site 1 discarded 1 event of region "data" as older
    And site 3 discarded 1 event of region "data" as older
    And site 2 discarded 0 events of region "data" as older
    And all sites eventually hold the same entries in region "data"

  @topology:three-mesh @clause:CONS-4 @clause:CONS-1 @needs:conflict-statistics @needs:custom-resolver
  Scenario: Three sites race; the newest write arrives first everywhere and still wins
    Given the topology "three-mesh" is running
    When events from site 3 to site 1 are delayed by 5000 ms
    And events from site 3 to site 2 are delayed by 5000 ms
    And events from site 1 to site 2 are delayed by 2500 ms
    And events from site 1 to site 3 are delayed by 2500 ms
    And sites 3, 1 and 2 write "race3" in region "data", in that order
    Then the default rule picks the write from site 2 to "race3" in region "data"
    And every site eventually holds the write from site 2 to "race3" in region "data"
    And site 1 discarded 1 event of region "data" as older
    And site 2 discarded 2 events of region "data" as older
    And site 3 discarded 1 event of region "data" as older
    And all sites eventually hold the same entries in region "data"

  @topology:three-mesh @clause:CONS-4 @clause:CONS-1 @needs:clock-fixed @needs:clock-offset @needs:custom-resolver
  Scenario: On equal timestamps the write from the highest distributed-system-id wins
    Given the topology "three-mesh" is running
    When the clocks of all sites are stopped at the same instant
    And the links between site 1 and site 2 are cut
    And the links between site 1 and site 3 are cut
    And the links between site 2 and site 3 are cut
    And sites 3, 1 and 2 write "tie" in region "data", in that order
    And the links between site 1 and site 2 are restored
    And the links between site 1 and site 3 are restored
    And the links between site 2 and site 3 are restored
    Then the writes to "tie" in region "data" all have the same timestamp
    And the default rule picks the write from site 3 to "tie" in region "data"
    And every site eventually holds the write from site 3 to "tie" in region "data"
    And all sites eventually hold the same entries in region "data"

  @topology:three-mesh @clause:CONS-4 @clause:CONS-1 @needs:custom-resolver
  Scenario: A destroy races an update; the later of the two wins everywhere
    Given the topology "three-mesh" is running
    When I put "gone" = "v1" in region "data" at site 1
    And every site eventually holds the write from site 1 to "gone" in region "data"
    And events from site 3 to site 1 are delayed by 2000 ms
    And events from site 3 to site 2 are delayed by 2000 ms
    And I put "gone" = "v2" in region "data" at site 3
    And I destroy "gone" in region "data" at site 2
    Then the default rule picks the write from site 2 to "gone" in region "data"
    And every site eventually holds the write from site 2 to "gone" in region "data"
    And all sites eventually hold the same entries in region "data"

  @topology:three-mesh @clause:CONS-5 @clause:CONS-4 @needs:clock-offset @needs:custom-resolver
  Scenario: With a clock a minute behind, a site's later write loses
    Given the topology "three-mesh" is running
    When the clock of site 1 is set 60000 ms behind
    And events from site 2 to site 1 are delayed by 2000 ms
    And sites 2 and 1 write "skewed" in region "data", in that order
    Then the write from site 1 to "skewed" in region "data" was made after the one from site 2, with an earlier timestamp
    And the default rule picks the write from site 2 to "skewed" in region "data"
    And every site eventually holds the write from site 2 to "skewed" in region "data"
    And all sites eventually hold the same entries in region "data"

  @topology:three-mesh @clause:CONS-5 @needs:clock-offset @needs:custom-resolver
  Scenario: A clock offset that is not a number is refused by the control API
    Given the topology "three-mesh" is running
    Then setting the clock offset of site 1 to "60000" is refused with 400 WAN_ERR_BAD_REQUEST
    And setting the clock offset of site 1 to "soon" is refused with 400 WAN_ERR_BAD_REQUEST

  @topology:hub-spoke @clause:CONS-5 @needs:clock-offset
  Scenario: A site's clock offset from the topology stamps its writes ahead
    Given the topology "hub-spoke" is running
    Then the clock of site 3 runs 250 ms ahead
    When I put "ahead" = "v" in region "data" at site 3
    Then the write from site 3 to "ahead" in region "data" was stamped 250 ms ahead of the real time
    And every site eventually holds the write from site 3 to "ahead" in region "data"
