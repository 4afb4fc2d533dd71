@topology:sender-lab
Feature: A serial sender splits its queue into dispatcher lanes by order policy
  A serial sender has 5 dispatchers by default. Its logical queue is split into that many
  physical queues, each with its own dispatcher and connection; the order policy decides
  which events share a lane, and so which order is kept (SEND-4, SEND-8): key keeps each
  key's updates in order, thread each client thread's events, partition each bucket's; with
  one dispatcher the events leave in the order they were queued. A region's events go only
  through the senders it names (SEND-12).

  Background:
    Given the topology "sender-lab" is running

  @clause:SEND-8 @needs:dispatcher-status
  Scenario: By default a sender has 5 dispatchers, each with its own queue and connection
    Then sender "plain" at site 1 has the attributes:
      | dispatcherThreads | 5   |
      | orderPolicy       | key |
    And sender "plain" at site 1 has 5 dispatchers
    When I put 200 entries with prefix "d" in one request in region "plain" at site 1
    Then site 2 eventually has 200 entries in region "plain"
    And every dispatcher of sender "plain" at site 1 has distributed events
    And the receiver at site 2 eventually has 5 connections from sender "plain"

  @clause:SEND-4 @clause:SEND-8 @needs:applied-log @needs:dispatcher-status
  Scenario: Under order policy key, five dispatchers keep the updates of every key in order
    When I put 10 rounds of updates to 23 keys with prefix "o" in one request in region "keyed" at site 1
    Then site 2 eventually has 23 entries in region "keyed"
    And every key with prefix "o" in region "keyed" at site 2 eventually holds "round-9"
    And site 2 applied the 10 rounds of every key with prefix "o" in region "keyed" in order
    And every dispatcher of sender "keyed" at site 1 has distributed events

  @clause:SEND-4 @clause:SEND-8 @needs:applied-log
  Scenario: Under order policy thread, five dispatchers keep each client thread's events in order
    When 4 client threads each put 40 entries with prefix "t" in region "threaded" at site 1
    Then site 2 eventually has 160 entries in region "threaded"
    And site 2 applied the events of every client thread in region "threaded" in the order they were made

  @clause:CONS-4 @clause:CONS-1 @clause:SEND-8 @needs:conflict-statistics
  Scenario: Under order policy thread, an older change from the entry's own site that arrives after a newer one is discarded
    When I pause sender "threaded" at site 1
    # Thread 1's change waits behind its own backlog in its lane; thread 2's newer change of
    # the same key takes another lane and arrives first.
    And client thread 1 puts 200 entries with prefix "b" in one request in region "threaded" at site 1
    And client thread 1 puts "late" = "older" in region "threaded" at site 1
    And client thread 2 puts "late" = "newer" in region "threaded" at site 1
    And the link from site 1 to site 2 delays the traffic from site 1 by 20 ms
    And I resume sender "threaded" at site 1
    Then site 2 eventually has 201 entries in region "threaded"
    And the queue of sender "threaded" at site 1 is eventually empty
    And site 2 discarded 1 event of region "threaded" as older
    And all sites eventually hold the same entries in region "threaded"
    And site 2 eventually has "late" = "newer" in region "threaded"

  @clause:SEND-8 @needs:applied-log @needs:dispatcher-status
  Scenario: Under order policy partition, five dispatchers keep each bucket's events in order
    Then sender "by-bucket" at site 1 has the attributes:
      | dispatcherThreads | 5         |
      | orderPolicy       | partition |
    When I put 140 entries with prefix "p" in one request in region "bucketed" at site 1
    Then site 2 eventually has 140 entries in region "bucketed"
    And site 2 applied the events of region "bucketed" bucket by bucket in the order they were made
    And every dispatcher of sender "by-bucket" at site 1 has distributed events

  @clause:SEND-8 @clause:SEND-4
  Scenario: With one dispatcher, events of several client threads leave in the order they were queued
    Then sender "to-site2" at site 1 has the attributes:
      | dispatcherThreads | 1 |
    When 4 client threads each put 40 entries with prefix "q" in region "data" at site 1
    Then site 2 eventually has 160 entries in region "data"
    And site 2 applied the events with prefix "q" in region "data" in the order site 1 queued them

  @clause:SEND-12
  Scenario: A region's events leave only through the senders it is attached to; a region with none stays home
    When I pause sender "plain" at site 1
    And I put 10 entries with prefix "a" in region "plain" at site 1
    And I put 10 entries with prefix "b" in region "data" at site 1
    And I put 10 entries with prefix "u" in region "unsent" at site 1
    Then site 2 eventually has 10 entries in region "data"
    And the queue of sender "plain" at site 1 holds 10 events
    And region "plain" at site 2 stays at 0 entries for 500 ms
    When I resume sender "plain" at site 1
    Then site 2 eventually has 10 entries in region "plain"
    And the senders queued exactly:
      | site | sender   | queued | skipped |
      | 1    | plain    | 10     | 0       |
      | 1    | to-site2 | 10     | 0       |
      | 1    | keyed    | 0      | 0       |
      | 1    | threaded | 0      | 0       |
    And site 1 eventually has 10 entries in region "unsent"
    And region "unsent" at site 2 stays at 0 entries for 1000 ms
