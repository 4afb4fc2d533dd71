@topology:ha-persistent
Feature: No queued event of a persistent serial sender is lost, whatever the order of stops, restarts and shutdowns
  Site 1 runs two members, each hosting the persistent serial sender "durable". Every member
  persists its own copy of the queue; a member becoming primary takes over the union of what
  every copy holds, deduplicated by event id, so the order in which senders and members stop
  and come back cannot lose an event (issue 14, findings 1 to 3). A stopped sender reports an
  empty queue, as Geode resets eventQueueSize on stop.

  Background:
    Given the topology "ha-persistent" is running

  @clause:QUEUE-3 @clause:HA-3 @clause:STOP-1
  Scenario: Both senders stopped, the ex-secondary started first: it takes over the queue and both report it
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 20 entries with prefix "a" in region "data" at site 1
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    When sender "durable" is stopped on the former secondary
    And sender "durable" is stopped on the former primary
    Then the queue of sender "durable" on the former primary eventually holds 0 events
    And the queue of sender "durable" on the former secondary eventually holds 0 events
    When sender "durable" is started on the former secondary
    Then the queue of sender "durable" on the former secondary eventually holds 20 events
    When sender "durable" is started on the former primary
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    And exactly one member of site 1 is eventually primary of sender "durable"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"
    And every running member of site 1 eventually holds 0 events in the queue of sender "durable"

  @clause:QUEUE-3 @clause:HA-3 @clause:STOP-1
  Scenario: Both senders stopped, the ex-primary started first: it keeps the queue and both report it
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 20 entries with prefix "b" in region "data" at site 1
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    When sender "durable" is stopped on the former secondary
    And sender "durable" is stopped on the former primary
    Then the queue of sender "durable" on the former primary eventually holds 0 events
    And the queue of sender "durable" on the former secondary eventually holds 0 events
    When sender "durable" is started on the former primary
    Then the queue of sender "durable" on the former primary eventually holds 20 events
    When sender "durable" is started on the former secondary
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    And exactly one member of site 1 is eventually primary of sender "durable"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"
    And every running member of site 1 eventually holds 0 events in the queue of sender "durable"

  @clause:QUEUE-3 @clause:HA-3 @clause:STOP-1
  Scenario: Both senders stopped and started at once: one takes over the queue and both report it
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 20 entries with prefix "c" in region "data" at site 1
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    When sender "durable" is stopped on the former secondary
    And sender "durable" is stopped on the former primary
    Then the queue of sender "durable" on the former primary eventually holds 0 events
    And the queue of sender "durable" on the former secondary eventually holds 0 events
    When sender "durable" is started on both former members at once
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    And exactly one member of site 1 is eventually primary of sender "durable"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"
    And every running member of site 1 eventually holds 0 events in the queue of sender "durable"

  @clause:QUEUE-3 @clause:HA-3 @clause:STOP-5 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: The whole site shut down; the ex-secondary relaunched first delivers every queued event
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 50 entries with prefix "d" in region "data" at site 1
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable"
    When both former members are shut down at once
    And the former secondary is started again
    Then the queue of sender "durable" on the former secondary eventually holds 50 events
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 50 entries in region "data"
    When the former primary is started again
    Then every running member of site 1 eventually holds 0 events in the queue of sender "durable"
    And site 2 applied the 50 entries with prefix "d" in region "data", any repeat flagged possibleDuplicate

  @clause:QUEUE-3 @clause:HA-3 @clause:STOP-5 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: The whole site shut down; the ex-primary relaunched first delivers every queued event
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 50 entries with prefix "e" in region "data" at site 1
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable"
    When both former members are shut down at once
    And the former primary is started again
    Then the queue of sender "durable" on the former primary eventually holds 50 events
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 50 entries in region "data"
    When the former secondary is started again
    Then every running member of site 1 eventually holds 0 events in the queue of sender "durable"
    And site 2 applied the 50 entries with prefix "e" in region "data", any repeat flagged possibleDuplicate

  @clause:QUEUE-3 @clause:HA-3 @clause:STOP-5 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: The whole site killed; the ex-secondary relaunched first delivers every queued event
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 50 entries with prefix "f" in region "data" at site 1
    Then every running member of site 1 eventually holds 50 events in the queue of sender "durable"
    When both former members are killed at once
    And the former secondary is started again
    Then the queue of sender "durable" on the former secondary eventually holds 50 events
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 50 entries in region "data"
    When the former primary is started again
    Then every running member of site 1 eventually holds 0 events in the queue of sender "durable"
    And site 2 applied the 50 entries with prefix "f" in region "data", any repeat flagged possibleDuplicate

  @clause:QUEUE-3 @clause:HA-3
  Scenario: A restarted ex-primary that missed acknowledgements keeps no stale queue
    When the link from site 1 to site 2 is cut
    And the primary and the secondary of sender "durable" at site 1 are noted
    And I put 20 entries with prefix "g" in region "data" at site 1
    Then every running member of site 1 eventually holds 20 events in the queue of sender "durable"
    When the former primary is shut down
    And the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"
    And the queue of sender "durable" on the former secondary eventually holds 0 events
    When the former primary is started again
    Then every running member of site 1 eventually holds 0 events in the queue of sender "durable"
    And for 2000 ms the queue of sender "durable" on the former primary holds 0 events
    When I put 5 entries with prefix "h" in region "data" at site 1
    Then site 2 eventually has 25 entries in region "data"
