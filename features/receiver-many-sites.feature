@topology:three-mesh
Feature: One gateway receiver serves the senders of several remote sites at once
  In the full mesh, site 1's receiver takes region "data" from sender "to-site1" of site 2 and
  sender "to-site1" of site 3 (one dispatcher each, batches of 10). Both queues are filled
  while their senders are paused, and both links are slowed down so that each drain takes
  over a second; resumed together, the two senders deliver at the same time (RECV-7).

  @clause:RECV-7 @needs:applied-log @needs:custom-resolver
  Scenario: Batches from two sites arrive at one receiver at the same time and are applied apart
    Given the topology "three-mesh" is running
    When I pause sender "to-site1" at site 2
    And I pause sender "to-site1" at site 3
    And the link from site 2 to site 1 delays the traffic from site 2 by 40 ms
    And the link from site 3 to site 1 delays the traffic from site 3 by 40 ms
    And I put 200 entries with prefix "two" in one request in region "data" at site 2
    And I put 200 entries with prefix "three" in one request in region "data" at site 3
    And I resume sender "to-site1" at site 2
    And I resume sender "to-site1" at site 3
    Then the receiver of site 1 is connected to senders "to-site1" of site 2
    And the receiver of site 1 is connected to senders "to-site1" of site 3
    And site 1 eventually has 400 entries in region "data"
    And site 1 applied the events of region "data" from sites 2 and 3 in turn at least 4 times
    And site 1 applied the 200 puts with prefix "two" in region "data" in the order they were made
    And site 1 applied the 200 puts with prefix "three" in region "data" in the order they were made
    And site 1 received "two7" in region "data" from site 2
    And site 1 received "three7" in region "data" from site 3
    And sender "to-site1" at site 2 eventually counts 200 "eventsDistributed"
    And sender "to-site1" at site 3 eventually counts 200 "eventsDistributed"
    And the receiver at site 1 counts 0 "duplicateBatchesReceived"
    And the receiver at site 1 counts 0 "outOfOrderBatchesReceived"
    And the receiver of site 1 reported no failed event
