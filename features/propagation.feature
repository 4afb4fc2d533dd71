@topology:two-site
Feature: Events propagate between sites through their gateway senders and receivers
  Two sites, each its own cluster with its own distributed-system-id, replicate region
  "data" both ways. Every connection between them goes through a Toxiproxy link.

  Background:
    Given the topology "two-site" is running

  @clause:ARCH-1 @clause:RECV-1 @container
  Scenario: A put in site 1 is applied to the same region in site 2
    When I put "k1" = "v1" in region "data" at site 1
    Then site 2 eventually has "k1" = "v1" in region "data"

  @clause:ARCH-1 @clause:RECV-1 @container
  Scenario: A put in site 2 is applied to the same region in site 1
    When I put "k2" = "v2" in region "data" at site 2
    Then site 1 eventually has "k2" = "v2" in region "data"

  @clause:ARCH-1 @container
  Scenario: Writes at both sites converge to the same entries and versions
    When I put 10 entries with prefix "a" in region "data" at site 1
    And I put 10 entries with prefix "b" in region "data" at site 2
    And I destroy "a3" in region "data" at site 1
    Then site 2 eventually has 19 entries in region "data"
    And site 1 eventually has 19 entries in region "data"
    And sites 1 and 2 eventually hold the same entries in region "data"

  @clause:ARCH-2 @clause:BATCH-5 @container
  Scenario: While the link is down writes are queued, and all arrive when it comes back
    When the link from site 1 to site 2 is cut
    And I put 20 entries with prefix "q" in region "data" at site 1
    Then the queue of sender "to-site2" at site 1 eventually holds 20 events
    And region "data" at site 2 stays at 0 entries for 1000 ms
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty

  @clause:DISC-5 @clause:SEND-2 @container
  Scenario: A sender reaches the remote receiver only through its link, so cutting the link stops all traffic
    When I put "p1" = "v" in region "data" at site 1
    Then site 2 eventually has "p1" = "v" in region "data"
    And sender "to-site2" at site 1 is connected through the link to site 2
    When the link from site 1 to site 2 is cut
    Then sender "to-site2" at site 1 is eventually disconnected
    When I put "p2" = "v" in region "data" at site 1
    Then region "data" at site 2 stays at 1 entries for 1000 ms
