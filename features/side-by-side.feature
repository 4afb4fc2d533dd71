@topology:side-by-side
Feature: Serial and parallel senders side by side, over every kind of region
  Site 1 has three members. Partitioned region "orders" goes through parallel sender
  "par-to-site2", replicated region "ledger" and preloaded region "catalog" through serial
  sender "to-site2" (one dispatcher), and normal region "sessions" through parallel sender
  "par-sessions". A normal region is distributed but neither replicated nor partitioned: each
  member holds only the entries written there (or fetched), yet a parallel sender hashes its
  events over a queue on every member, as document 001 says (SEND-13). Geode refuses that
  configuration; `parallelSenders: refuse` does the same (docs/divergences.md).

  Background:
    Given the topology "side-by-side" is running

  @clause:SEND-1 @clause:SEND-4 @clause:SEND-7 @needs:applied-log
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

  @clause:SEND-13 @needs:applied-log @needs:bucket-status
  Scenario: A normal region's events are hashed over a queue on every member, each queue in order
    When the bucket primaries of region "sessions" at site 1 are recorded
    And the statistics of sender "par-sessions" at site 1 are recorded
    And I write 140 entries with prefix "n" to region "sessions" at site 1
    Then site 2 eventually has 140 entries in region "sessions"
    And member "site1-m1" has 140 entries in region "sessions"
    And member "site1-m2" has 0 entries in region "sessions"
    And member "site1-m3" has 0 entries in region "sessions"
    And every member of site 1 distributed through sender "par-sessions" exactly the events with prefix "n" of its primary buckets
    And site 2 applied the events of region "sessions" bucket by bucket in the order they were made

  @clause:SEND-13
  Scenario: A member of a normal region takes updates of the entries it holds, and only those
    When I put "shared" = "v1" in region "sessions" at member "site1-m1"
    And I put "mine" = "v1" in region "sessions" at member "site1-m1"
    Then member "site1-m2" answers with "shared" = "v1" in region "sessions"
    When I put "shared" = "v2" in region "sessions" at member "site1-m1"
    And I put "mine" = "v2" in region "sessions" at member "site1-m1"
    Then member "site1-m2" has 1 entries in region "sessions"
    And member "site1-m2" answers with "shared" = "v2" in region "sessions"
    And member "site1-m3" has 0 entries in region "sessions"
    And site 2 eventually has "shared" = "v2" in region "sessions"
    And site 2 eventually has "mine" = "v2" in region "sessions"

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
