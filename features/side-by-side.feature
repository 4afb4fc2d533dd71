@topology:side-by-side
Feature: Serial and parallel senders side by side, over several kinds of region
  Site 1 has three members. Partitioned region "orders" goes through parallel sender
  "par-to-site2", replicated region "ledger" and preloaded region "catalog" through serial
  sender "to-site2" (one dispatcher). A normal region through a parallel sender is in
  normal-region-parallel.feature (Geode refuses that configuration).

  Background:
    Given the topology "side-by-side" is running

  # RECV-1 too: two regions' events reach one receiver, and each must land in its own region.
  @clause:SEND-1 @clause:SEND-4 @clause:SEND-7 @clause:RECV-1 @needs:applied-log
  Scenario: A serial and a parallel sender run in one site, each keeping its own order
    Then sender "to-site2" at site 1 has the attributes:
      | parallel          | false |
      | dispatcherThreads | 1     |
    And sender "par-to-site2" at site 1 has the attributes:
      | parallel | true |
    When the link from site 1 to site 2 is cut
    And I put 120 entries with prefix "l" in region "ledger" at site 1
    And I write 120 entries with prefix "o" to region "orders" at site 1
    And the link from site 1 to site 2 is restored
    Then site 2 eventually has 120 entries in region "ledger"
    And site 2 eventually has 120 entries in region "orders"
    And site 2 applied the 120 puts with prefix "l" in region "ledger" in the order they were made
    And site 2 applied the events of region "orders" bucket by bucket in the order they were made

  @clause:SEND-13
  Scenario: A preloaded region: a restarted member first copies an older member's entries
    # The image comes from one older member, whichever it is: both others hold the entries.
    When I put 20 entries with prefix "c" in region "catalog" at member "site1-m1"
    And I put 20 entries with prefix "c" in region "catalog" at member "site1-m3"
    Then member "site1-m2" has 0 entries in region "catalog"
    And member "site1-m1" has 20 entries in region "catalog"
    And member "site1-m3" has 20 entries in region "catalog"
    When member "site1-m2" is restarted
    Then member "site1-m2" eventually has 20 entries in region "catalog"
    And site 2 eventually has 20 entries in region "catalog"

  @clause:SEND-13
  Scenario: With parallelSenders: refuse, a normal region refuses a parallel sender, as Geode does
    When I check this topology:
      """
      name: geode-normal
      sites:
        - name: a
          id: 1
          members: [a1]
          regions:
            - name: sessions
              type: normal
              parallelSenders: refuse
              senders: [serial, parallel]
          senders:
            - { id: serial, remoteSite: b }
            - { id: parallel, remoteSite: b, parallel: true }
        - name: b
          id: 2
          members: [b1]
      """
    Then it is rejected at line 10, field "sites[0].regions[0].senders[1]", saying:
      """
      parallel sender "parallel" cannot be used with a normal region that refuses parallel senders
      """
