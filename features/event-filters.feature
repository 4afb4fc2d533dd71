Feature: Gateway event filters decide what a sender queues and sends, and hear of every acknowledgement
  Beyond the seed documents (issue 15), as Geode's GatewayEventFilter: a sender's filters are
  modules loaded when its member starts. beforeEnqueue keeps an event out of the queue on every
  member that would queue it; beforeTransmit keeps it out of a batch, and it still leaves the
  queue with the batch's ack; both count eventsFiltered. afterAcknowledgement is called once per
  event on every member that holds a copy: the primary when the batch is acknowledged, the
  others when their copy is removed. Topology event-filters: site 1 has two members, so every
  queued event has two holders.

  @topology:event-filters @clause:GEODE-3 @needs:event-filters
  Scenario: beforeEnqueue keeps events out of a serial sender's queue; the rest are acknowledged on both members
    Given the topology "event-filters" is running
    When the "acknowledged" count of filter "count-acks" of sender "to-site2" at site 1 is noted
    And I put 20 entries with prefix "local-" in region "data" at site 1
    And I put 30 entries with prefix "shared-" in region "data" at site 1
    Then site 2 eventually has 30 entries in region "data"
    And every sender queue is eventually empty
    And region "data" at site 2 stays at 30 entries for 1000 ms
    And sender "to-site2" on member "site1-m1" eventually counts 20 "eventsFiltered"
    And sender "to-site2" on member "site1-m2" eventually counts 20 "eventsFiltered"
    And filter "count-acks" of sender "to-site2" eventually counts 60 more "acknowledged" over the members of site 1

  @topology:event-filters @clause:GEODE-3 @needs:event-filters
  Scenario: beforeTransmit keeps events out of a parallel sender's batches; they still leave the queue with the ack
    Given the topology "event-filters" is running
    When the "acknowledged" count of filter "count-acks" of sender "par-to-site2" at site 1 is noted
    And the "dropped" count of filter "drop-prefix" of sender "par-to-site2" at site 1 is noted
    And I write 20 entries with prefix "draft-" to region "orders" at site 1
    And I write 40 entries with prefix "final-" to region "orders" at site 1
    Then site 2 eventually has 40 entries in region "orders"
    And every sender queue is eventually empty
    And region "orders" at site 2 stays at 40 entries for 1000 ms
    # At least: Geode calls beforeTransmit again for a batch it peeks again.
    And filter "drop-prefix" of sender "par-to-site2" eventually counts at least 20 more "dropped" over the members of site 1
    # The primaries hear of the 40 events they sent; the copies of all 60 that left the queue.
    And filter "count-acks" of sender "par-to-site2" eventually counts 100 more "acknowledged" over the members of site 1

  @clause:GEODE-3
  Scenario: A filter module that does not exist is refused before anything runs
    When I check this topology:
      """
      name: missing-filter
      sites:
        - name: a
          id: 1
          members: [a-m1]
          regions: [{ name: data, senders: [to-b] }]
          senders:
            - { id: to-b, remoteSite: b, eventFilters: [filters/no-such-filter.ts] }
        - name: b
          id: 2
          members: [b-m1]
          regions: [{ name: data }]
      """
    Then it is rejected at line 8, field "sites[0].senders[0].eventFilters[0]", saying:
      """
      event filter module "filters/no-such-filter.ts" does not exist
      """
