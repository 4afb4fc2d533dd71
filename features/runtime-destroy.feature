@topology:runtime-destroy
Feature: Regions and senders destroyed, closed and created again at runtime; a receiver removed and added again
  Beyond the seed documents (issue 15), as Geode's own WAN tests do: a region destroyed at its
  site makes no more events and the destroy is not sent to the other site (Geode does not send
  destroyRegion over the WAN); a region destroyed at the remote site while puts run leaves the
  local data alone, and its events stay queued (removeFromQueueOnException false) or are
  dropped and counted (true); a partitioned region closed on a member and created again takes
  its buckets back and the member's parallel sender dispatches again. A sender is not destroyed
  while a region uses it; a receiver is removed and added again without restarting its member.
  Topology runtime-destroy: site 1 has two members; only site 1 sends.

  Background:
    Given the topology "runtime-destroy" is running

  @clause:GEODE-5 @needs:runtime-destroy
  Scenario: A region destroyed while puts run makes no more events; the other site keeps the region and what reached it
    When a client keeps putting entries with prefix "a" in region "data" at site 1
    And region "data" is destroyed at site 1 after at least 20 puts returned
    Then the client's puts stopped, refused with code "WAN_ERR_REGION_UNKNOWN"
    And region "data" exists on no member of site 1
    And site 2 holds exactly the entries whose put returned in region "data" for 1500 ms
    And every sender queue is eventually empty

  @clause:GEODE-5 @needs:runtime-destroy
  Scenario: A region destroyed and created again at its site goes on numbering its events, so the other site takes the new ones
    # A receiver drops an event whose sequence it has seen from the same member and thread: a
    # region created again must not start its event ids afresh.
    When I put 10 entries with prefix "g" in region "data" at site 1
    Then site 2 eventually has 10 entries in region "data"
    When region "data" is destroyed at site 1
    And region "data" is created again at site 1
    And I put 10 entries with prefix "h" in region "data" at site 1
    Then site 2 eventually has 20 entries in region "data"
    And site 2 eventually has "h9" = "h-value-9" in region "data"

  @clause:GEODE-5 @needs:runtime-destroy @needs:sender-failure-log
  Scenario: The remote region destroyed while puts run: the local entries stay, the events stay queued with removeFromQueueOnException false, and reach the region created again
    When a client keeps putting entries with prefix "k" in region "kept" at site 1
    And region "kept" is destroyed at site 2 after at least 10 puts returned
    And the client stops putting after 20 more puts returned
    Then every entry whose put returned eventually reaches site 1 in region "kept"
    And the queue of sender "keeping" at site 1 holds at least 20 events for 1500 ms
    And sender "keeping" eventually counts at least 20 "eventsRetried" over the members of site 1
    And the last failure of sender "keeping" at site 1 is in region "kept" with code "WAN_ERR_REGION_UNKNOWN"
    When region "kept" is created again at site 2
    Then every entry whose put returned after the destroy eventually reaches site 2 in region "kept"
    And the queue of sender "keeping" at site 1 is eventually empty

  @clause:GEODE-5 @needs:runtime-destroy @needs:sender-failure-log
  Scenario: The remote region destroyed while puts run: with removeFromQueueOnException true its events leave the queue, counted and listed
    When a client keeps putting entries with prefix "d" in region "data" at site 1
    And region "data" is destroyed at site 2 after at least 10 puts returned
    And the client stops putting after 20 more puts returned
    Then every entry whose put returned eventually reaches site 1 in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And sender "to-site2" eventually counts at least 20 "eventsFailed" over the members of site 1
    And the last failure of sender "to-site2" at site 1 is in region "data" with code "WAN_ERR_REGION_UNKNOWN"
    When region "data" is created again at site 2
    And I put "after" = "v" in region "data" at site 1
    Then site 2 eventually has "after" = "v" in region "data"
    And region "data" at site 2 stays at 1 entries for 1000 ms

  @clause:GEODE-5 @needs:runtime-destroy @needs:bucket-status
  Scenario: A partitioned region closed on a member while puts run keeps its entries on the other; created again, it takes buckets back and its parallel sender dispatches again
    When I put 20 entries with prefix "o" in region "orders" at site 1
    Then site 2 eventually has 20 entries in region "orders"
    When a client keeps putting entries with prefix "p" in region "orders" at site 1
    And region "orders" is closed on member "site1-m2" after at least 10 puts returned
    And the client stops putting after 20 more puts returned
    Then member "site1-m2" is eventually primary of no bucket of region "orders" at site 1
    Then every entry whose put returned eventually reaches site 2 in region "orders"
    When region "orders" is created again on member "site1-m2"
    Then the primary buckets of region "orders" at site 1 are eventually spread evenly over 2 members
    Given the counters are noted again
    When I put 40 entries with prefix "q" in region "orders" at site 1
    Then site 2 eventually has the 40 entries with prefix "q" in region "orders"
    And sender "par-to-site2" on member "site1-m2" eventually counts at least 1 "batchesDispatched"

  @clause:GEODE-6 @needs:runtime-destroy
  Scenario: A sender is not destroyed while a region uses it, even while puts run; once the region is destroyed, it is
    When a client keeps putting entries with prefix "s" in region "data" at site 1
    And I destroy sender "to-site2" at site 1
    Then it is refused with code "WAN_ERR_SENDER_IN_USE" saying "data"
    And sender "to-site2" is running on every member of site 1
    When region "data" is destroyed at site 1 after at least 10 puts returned
    Then the client's puts stopped, refused with code "WAN_ERR_REGION_UNKNOWN"
    And site 2 holds exactly the entries whose put returned in region "data" for 500 ms
    When I destroy sender "to-site2" at site 1
    Then sender "to-site2" exists on no member of site 1

  @clause:GEODE-6 @needs:runtime-receiver-create @needs:locator-view
  Scenario: A receiver removed leaves its senders unconnected and queueing; added again, they connect and drain
    When the receiver of member "site2-m1" is removed
    Then member "site2-m1" has no gateway receiver
    And the locators of site 1 eventually see the receiver of member "site2-m1" as down
    And sender "to-site2" at site 1 is eventually disconnected
    When I put 15 entries with prefix "r" in region "data" at site 1
    Then the queue of sender "to-site2" at site 1 holds at least 15 events for 1000 ms
    When a receiver is created on member "site2-m1" with:
      | bindAddress | "127.0.0.1" |
    Then site 2 eventually has 15 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
