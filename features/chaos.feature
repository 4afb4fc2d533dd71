@chaos
Feature: Under random faults the sites lose nothing and converge
  A workload writes at both sites while a nemesis injects random faults, chosen by a seed.
  Every operation and every event applied at every site is recorded; after the final heal,
  checkers judge the whole history (see docs/chaos.md). A checker whose faults never touched
  the run says unknown, so a scenario cannot pass without its faults having bitten.

  @topology:two-site @clause:BATCH-2 @clause:BATCH-4 @clause:BATCH-5 @clause:ARCH-1 @clause:CONS-1 @clause:SEND-4 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: Links flapping between two sites for 20 s lose nothing, duplicate nothing and converge
    Given the topology "two-site" is running
    When the chaos experiment "link-flapping" runs for 20 s with seed 1
    Then at least 5 faults touched the run
    And nothing acknowledged was lost
    And no event was applied twice unless flagged as a possible duplicate
    And every remote site applied each key in order
    And the sites converged
    And the chaos verdict is pass

  @topology:two-site @clause:BATCH-2 @clause:BATCH-4 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: When acknowledgements are lost, batches are sent again flagged, and every event is applied once
    Given the topology "two-site" is running
    When the chaos experiment "lost-acks" runs for 15 s with seed 1
    Then at least 5 faults touched the run
    And the receivers got at least 10 events flagged as possible duplicates
    And no event was applied twice unless flagged as a possible duplicate
    And nothing acknowledged was lost
    And every remote site applied each key in order

  @topology:two-site @clause:ARCH-1 @clause:BATCH-2 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: Under site partitions and frozen members for 15 s nothing is lost and the sites converge
    Given the topology "two-site" is running
    When sites 1 and 2 write to region "data" for 15 s under random partition and freeze faults with seed 2
    Then at least 3 faults touched the run
    And nothing acknowledged was lost
    And the sites converged

  @topology:two-by-two @clause:HA-5 @clause:STOP-5 @clause:BATCH-2 @needs:applied-log @needs:possible-duplicate-flag
  Scenario: Members of a 2x2 topology killed, shut down and frozen under writes lose nothing acknowledged
    Given the topology "two-by-two" is running
    When the chaos experiment "member-kills" runs for 20 s with seed 1
    Then at least 4 faults touched the run
    And nothing acknowledged was lost
    And no event was applied twice unless flagged as a possible duplicate
    And every remote site applied each key in order
    And the sites converged
    And the chaos verdict is pass

  @topology:two-site @clause:PAUSE-1 @clause:PAUSE-4 @container @needs:applied-log @needs:possible-duplicate-flag
  Scenario: A paused sender lets at most one batch through, and delivers the rest on resume
    Given the topology "two-site" is running
    When site 1 writes to region "data" for 15 s under random pause faults with seed 3
    Then at least 3 faults touched the run
    And at most one batch arrived after each pause
    And nothing acknowledged was lost
    And the sites converged

  @topology:two-site @clause:CONS-4 @clause:CONS-5 @needs:applied-log @needs:clock-offset
  Scenario: With one site's clock ahead, conflicting writes end with the rule's winner everywhere, and later writes can lose
    Given the topology "two-site" is running
    When the chaos experiment "skewed-conflicts" runs for 15 s with seed 5
    Then every conflicting write resolved to the same winner everywhere
    And at least 10 writes that were later in real time lost to the skewed clock
    And the sites converged

  @topology:three-mesh @clause:ARCH-1 @clause:CONS-1 @clause:CONS-4 @clause:DIST-1 @needs:applied-log @needs:clock-offset @needs:custom-resolver @needs:possible-duplicate-flag
  Scenario: Three sites in a mesh, partitioned and with clocks jumping, converge on the rule's winners
    Given the topology "three-mesh" is running
    When the chaos experiment "mesh-partitions" runs for 20 s with seed 1
    Then at least 5 faults touched the run
    And nothing acknowledged was lost
    And no event was applied twice unless flagged as a possible duplicate
    And every conflicting write resolved to the same winner everywhere
    And the sites converged
