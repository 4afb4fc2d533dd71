Feature: Events reach every site exactly once, through forwarding sites, without loops
  An event carries the distributed-system-id of its origin site and the ids of the sites it
  was sent to. A site that receives it forwards it through its own senders, except to the
  origin and to sites already listed, and adds its senders' sites to the list. Counts are
  exact: each sender's statistics say how many events it queued and how many it skipped, and
  each site's applied-event log says how many times it applied each key.

  @topology:three-mesh @clause:DIST-1 @clause:DIST-2 @container @needs:applied-log @needs:custom-resolver
  Scenario: In a full mesh the origin lists every peer, so no site forwards
    Given the topology "three-mesh" is running
    When I put "m1" = "v" in region "data" at site 1
    Then every site applied each of "m1" in region "data" exactly once
    And the event for "m1" in region "data" reached site 2 with origin site 1 and recipients "2, 3"
    And the event for "m1" in region "data" reached site 3 with origin site 1 and recipients "2, 3"
    And the senders queued exactly:
      | site | sender   | queued | skipped |
      | 1    | to-site2 | 1      | 0       |
      | 1    | to-site3 | 1      | 0       |
      | 2    | to-site1 | 0      | 1       |
      | 2    | to-site3 | 0      | 1       |
      | 3    | to-site1 | 0      | 1       |
      | 3    | to-site2 | 0      | 1       |
    And all sites eventually hold the same entries in region "data"

  @topology:three-ring @clause:DIST-1 @clause:DIST-2 @clause:CONS-1 @needs:applied-log
  Scenario: In a ring each site forwards the previous site's events to the next, never back to the origin
    Given the topology "three-ring" is running
    When I put "r1" = "v1" in region "data" at site 1
    And I put "r2" = "v2" in region "data" at site 2
    And I put "r3" = "v3" in region "data" at site 3
    Then every site applied each of "r1, r2, r3" in region "data" exactly once
    And site 3 received "r1" in region "data" from site 2
    And the event for "r1" in region "data" reached site 3 with origin site 1 and recipients "2, 3"
    And the event for "r2" in region "data" reached site 1 with origin site 2 and recipients "1, 3"
    And the senders queued exactly:
      | site | sender   | queued | skipped |
      | 1    | to-site2 | 2      | 1       |
      | 2    | to-site3 | 2      | 1       |
      | 3    | to-site1 | 2      | 1       |
    And every site eventually holds the write from site 1 to "r1" in region "data"
    And every site eventually holds the write from site 3 to "r3" in region "data"
    And all sites eventually hold the same entries in region "data"

  @topology:three-ring-lanes @clause:DIST-2 @clause:BATCH-2 @needs:applied-log
  Scenario: A forwarding site that interleaves the origin's lanes still forwards every event once
    Given the topology "three-ring-lanes" is running
    When I put 600 entries with prefix "lane" in one request in region "data" at site 1
    Then site 3 eventually has 600 entries in region "data"
    And every site applied each of the 600 entries with prefix "lane" in region "data" exactly once
    And all sites eventually hold the same entries in region "data"

  @topology:hub-spoke @clause:DIST-1 @clause:DIST-2 @clause:CONS-1 @needs:applied-log @needs:clock-offset
  Scenario: The hub forwards each spoke's events to the other spoke, and nothing comes back
    Given the topology "hub-spoke" is running
    When I put "h1" = "v1" in region "data" at site 1
    And I put "h2" = "v2" in region "data" at site 2
    And I put "h3" = "v3" in region "data" at site 3
    Then every site applied each of "h1, h2, h3" in region "data" exactly once
    And site 3 received "h1" in region "data" from site 2
    And the event for "h1" in region "data" reached site 3 with origin site 1 and recipients "1, 2, 3"
    And the senders queued exactly:
      | site | sender   | queued | skipped |
      | 1    | to-site2 | 1      | 2       |
      | 2    | to-site1 | 2      | 1       |
      | 2    | to-site3 | 2      | 1       |
      | 3    | to-site2 | 1      | 2       |
    And every site eventually holds the write from site 1 to "h1" in region "data"
    And all sites eventually hold the same entries in region "data"

  @topology:hub-spoke @clause:CONS-2 @clause:CONS-4 @clause:CONS-1 @needs:applied-log @needs:clock-offset @needs:conflict-statistics
  Scenario: A site that discards an event as older does not forward it
    Given the topology "hub-spoke" is running
    When the link from site 1 to site 2 is cut
    And I put "stale" = "old" in region "data" at site 1
    And I put "stale" = "new" in region "data" at site 3
    And site 1 eventually has "stale" = "new" in region "data"
    And the link from site 1 to site 2 is restored
    Then site 2 discarded 1 event of region "data" as older
    And the senders queued exactly:
      | site | sender   | queued | skipped |
      | 1    | to-site2 | 1      | 1       |
      | 2    | to-site1 | 1      | 0       |
      | 2    | to-site3 | 0      | 1       |
      | 3    | to-site2 | 1      | 0       |
    And site 3 applied "stale" in region "data" exactly 1 time
    And every site eventually holds the write from site 3 to "stale" in region "data"
    And all sites eventually hold the same entries in region "data"

  @topology:three-mesh @clause:SEND-1 @clause:SEND-2 @needs:applied-log @needs:custom-resolver
  Scenario: Two senders from one site to the same remote site dispatch side by side, each on its own
    # One paused while the other delivers later writes of the same client: resumed, it still
    # delivers its older events, which the receiver must not take for repeats of the other's.
    Given the topology "three-mesh" is running
    When I pause sender "to-site2" at site 1
    And I put 10 entries with prefix "d" in region "data" at site 1
    And I put 10 entries with prefix "o" in region "orders" at site 1
    Then site 2 eventually has 10 entries in region "orders"
    And region "data" at site 2 stays at 0 entries for 500 ms
    When I resume sender "to-site2" at site 1
    Then every site applied each of the 10 entries with prefix "d" in region "data" exactly once
    And every site applied each of the 10 entries with prefix "o" in region "orders" exactly once
    And the senders queued exactly:
      | site | sender          | queued | skipped |
      | 1    | to-site2        | 10     | 0       |
      | 1    | to-site2-orders | 10     | 0       |
      | 1    | to-site3        | 20     | 0       |
      | 2    | to-site1        | 0      | 20      |
      | 2    | to-site3        | 0      | 20      |
    And sender "to-site2" at site 1 is connected through the link to site 2
    And sender "to-site2-orders" at site 1 is connected through the link to site 2
    And the receiver of site 2 is connected to senders "to-site2, to-site2-orders" of site 1
    And all sites eventually hold the same entries in region "orders"

  @clause:DIST-3
  Scenario: A topology where an event could reach one site by two paths is flagged before it runs
    When I check this topology:
      """
      name: diamond
      sites:
        - name: a
          id: 1
          members: [a-m1]
          regions: [{ name: data, senders: [to-b, to-c] }]
          senders: [{ id: to-b, remoteSite: b }, { id: to-c, remoteSite: c }]
        - name: b
          id: 2
          members: [b-m1]
          regions: [{ name: data, senders: [to-d] }]
          senders: [{ id: to-d, remoteSite: d }]
        - name: c
          id: 3
          members: [c-m1]
          regions: [{ name: data, senders: [to-d] }]
          senders: [{ id: to-d, remoteSite: d }]
        - name: d
          id: 4
          members: [d-m1]
          regions: [{ name: data }]
      """
    Then it is rejected at line 16, field "sites[2].regions[0].senders[0]", saying:
      """
      unsupported topology: an event of region "data" written at a reaches d twice, by a -(to-b)-> b -(to-d)-> d and by a -(to-c)-> c -(to-d)-> d
      """

  @clause:DIST-3 @clause:SEND-1
  Scenario: One region sent through two senders to the same site is flagged; two regions are not
    When I check this topology:
      """
      name: twice
      sites:
        - name: a
          id: 1
          members: [a-m1]
          regions:
            - { name: data, senders: [to-b, to-b-again] }
          senders: [{ id: to-b, remoteSite: b }, { id: to-b-again, remoteSite: b }]
        - name: b
          id: 2
          members: [b-m1]
          regions: [{ name: data }]
      """
    Then it is rejected at line 7, field "sites[0].regions[0].senders[1]", saying:
      """
      reaches b twice, by a -(to-b)-> b and by a -(to-b-again)-> b
      """
    When I check this topology:
      """
      name: two-regions
      sites:
        - name: a
          id: 1
          members: [a-m1]
          regions:
            - { name: data, senders: [to-b] }
            - { name: orders, senders: [to-b-orders] }
          senders: [{ id: to-b, remoteSite: b }, { id: to-b-orders, remoteSite: b }]
        - name: b
          id: 2
          members: [b-m1]
          regions: [{ name: data }, { name: orders }]
      """
    Then it is accepted
