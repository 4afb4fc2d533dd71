@topology:normal-parallel
Feature: A normal region through a parallel sender
  Site 1 has three members; normal region "sessions" goes through parallel sender
  "par-sessions". A normal region is distributed but neither replicated nor partitioned: each
  member holds only the entries written there (or fetched), yet a parallel sender hashes its
  events over a queue on every member, as document 001 says (SEND-13). Geode refuses that
  configuration (capability normal-region-parallel-sender); `parallelSenders: refuse` does
  the same (docs/divergences.md, side-by-side.feature).

  Background:
    Given the topology "normal-parallel" is running

  @clause:SEND-13 @needs:applied-log @needs:bucket-status @needs:normal-region-parallel-sender
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

  @clause:SEND-13 @needs:normal-region-parallel-sender
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
