@topology:ha-serial
Feature: A serial sender on several members has one primary, and the others take over without loss
  Site 1 runs three members; sender "to-site2" is defined on each of them and carries the
  replicated regions "data" and "more" to site 2. Every member keeps a copy of the sender's
  queue; only the primary, the member whose sender has run the longest, dispatches.

  Background:
    Given the topology "ha-serial" is running

  @clause:HA-1 @clause:SEND-3 @container
  Scenario: One member dispatches for the site; the others hold a copy of its queue and send nothing
    Then sender "to-site2" at site 1 eventually has exactly one primary
    When the link from site 1 to site 2 is cut
    And I put 6 entries with prefix "a" in region "data" at member "site1-m2"
    And I put 4 entries with prefix "b" in region "more" at member "site1-m3"
    Then every running member of site 1 eventually holds 10 events in the queue of sender "to-site2"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 6 entries in region "data"
    And site 2 eventually has 4 entries in region "more"
    And every running member of site 1 eventually holds 0 events in the queue of sender "to-site2"
    And sender "to-site2" at site 1 eventually has exactly one primary

  @clause:HA-2
  Scenario: The sender that has run the longest is primary, as senders stop and start
    When sender "to-site2" is stopped on member "site1-m1"
    And sender "to-site2" is stopped on member "site1-m2"
    And sender "to-site2" is stopped on member "site1-m3"
    And sender "to-site2" is started on member "site1-m2"
    And sender "to-site2" is started on member "site1-m3"
    And sender "to-site2" is started on member "site1-m1"
    Then the primary of sender "to-site2" at site 1 is eventually member "site1-m2"
    When sender "to-site2" is stopped on member "site1-m2"
    Then the primary of sender "to-site2" at site 1 is eventually member "site1-m3"
    When sender "to-site2" is started on member "site1-m2"
    And I put 5 entries with prefix "h" in region "data" at member "site1-m2"
    Then site 2 eventually has 5 entries in region "data"
    And the primary of sender "to-site2" at site 1 is eventually member "site1-m3"

  @clause:HA-3 @needs:possible-duplicate-flag
  Scenario: The primary's member is killed while events wait; the next oldest delivers them all
    When the link from site 1 to site 2 is cut
    And I put 20 entries with prefix "k" in region "data" at site 1
    Then every running member of site 1 eventually holds 20 events in the queue of sender "to-site2"
    When the primary of sender "to-site2" at site 1 is killed
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"
    And the receivers of site 2 eventually counted at least 20 possible duplicates
    And every running member of site 1 eventually holds 0 events in the queue of sender "to-site2"

  @clause:HA-3
  Scenario: A frozen primary leaves the site after the member timeout; a secondary delivers, and the thawed member rejoins as a secondary
    When the link from site 1 to site 2 is cut
    And I put 10 entries with prefix "f" in region "data" at site 1
    Then every running member of site 1 eventually holds 10 events in the queue of sender "to-site2"
    When the primary of sender "to-site2" at site 1 is frozen
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 10 entries in region "data"
    When the former primary is thawed
    Then every running member of site 1 eventually has 10 entries in region "data"
    And another member of site 1 eventually becomes primary of sender "to-site2"
    And every running member of site 1 eventually holds 0 events in the queue of sender "to-site2"

  @clause:HA-1
  Scenario: A primary that comes back after a stall is an inactive secondary; only the new primary sends
    When the link from site 1 to site 2 is cut
    And I put 10 entries with prefix "r" in region "data" at site 1
    Then every running member of site 1 eventually holds 10 events in the queue of sender "to-site2"
    # It stalls while it holds a backlog, and returns demoted, still holding it.
    When the primary of sender "to-site2" at site 1 is frozen
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    When the former primary is thawed
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    And every running member of site 1 eventually holds 10 events in the queue of sender "to-site2"
    When the link from site 1 to site 2 is restored
    Then for 3000 ms sender "to-site2" at site 1 keeps one primary, and no other member dispatches
    And site 2 eventually has 10 entries in region "data"
    And every running member of site 1 eventually holds 0 events in the queue of sender "to-site2"

  @clause:HA-3
  Scenario: A member restarted while events wait copies them, and delivers them when it is the last one left
    When the link from site 1 to site 2 is cut
    And I put 20 entries with prefix "y" in region "data" at site 1
    Then every running member of site 1 eventually holds 20 events in the queue of sender "to-site2"
    # The restarted member saw none of these writes: only what it copies from the others.
    When member "site1-m3" is restarted
    Then every running member of site 1 eventually holds 20 events in the queue of sender "to-site2"
    When the primary of sender "to-site2" at site 1 is killed
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    When the primary of sender "to-site2" at site 1 is killed
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 20 entries in region "data"

  @clause:HA-3 @clause:BATCH-2
  Scenario Outline: Killing any one member during a steady write load loses no acknowledged write
    When a write load of 200 entries with prefix "w" runs against region "data" at site 1
    And 40 writes of the load are acknowledged
    And member "<member>" is killed
    Then the write load completes
    And every acknowledged write of the load eventually reaches region "data" at site 2

    Examples:
      | member   |
      | site1-m1 |
      | site1-m2 |
      | site1-m3 |
      | site2-m1 |

  @clause:STOP-2 @clause:STOP-1
  Scenario: Stopping the sender on its primary makes a secondary primary, which goes on dispatching
    When the link from site 1 to site 2 is cut
    And I put 10 entries with prefix "s" in region "data" at site 1
    Then every running member of site 1 eventually holds 10 events in the queue of sender "to-site2"
    When sender "to-site2" is stopped on the primary at site 1
    Then another member of site 1 eventually becomes primary of sender "to-site2"
    And the sender "to-site2" of the former primary is stopped while the other members' run
    When the link from site 1 to site 2 is restored
    Then site 2 eventually has 10 entries in region "data"
    When I put 5 entries with prefix "t" in region "data" at site 1
    Then site 2 eventually has 15 entries in region "data"

  @clause:PAUSE-3
  Scenario: Pausing the secondaries does not stop the primary from dispatching
    When sender "to-site2" is paused on every secondary at site 1
    And I put 10 entries with prefix "p" in region "data" at site 1
    Then site 2 eventually has 10 entries in region "data"
    And the former primary is still primary of sender "to-site2" at site 1
