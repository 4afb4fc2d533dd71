@topology:three-mesh
Feature: A custom conflict resolver replaces the default rule for a region
  A region can name a resolver module (docs/conflict-resolvers.md). The engine calls it for
  every received event whose site differs from the site that last wrote the entry, and the
  resolver alone decides: allow, disallow, or apply another value; an event from the site
  that last wrote the entry is decided without it (CONS-6). In "three-mesh", region
  "preferred" uses topologies/resolvers/prefer-site.ts (site 1 wins within 10 s) and region
  "merged" uses topologies/resolvers/union-merge.ts (concurrent token lists are merged).

  @clause:CONS-7 @clause:CONS-6 @clause:CONS-1 @needs:conflict-statistics @needs:custom-resolver
  Scenario: Within the window the preferred site's write wins, although it is older
    Given the topology "three-mesh" is running
    When the links between site 1 and site 2 are cut
    And sites 1 and 2 write "pref" in region "preferred", in that order
    And the links between site 1 and site 2 are restored
    Then the default rule picks the write from site 2 to "pref" in region "preferred"
    But every site eventually holds the write from site 1 to "pref" in region "preferred"
    And the resolver of region "preferred" was called exactly:
      | site | calls |
      | 1    | 1     |
      | 2    | 1     |
      | 3    | 1     |
    And all sites eventually hold the same entries in region "preferred"

  @clause:CONS-7 @clause:CONS-6 @clause:CONS-1 @needs:clock-offset @needs:conflict-statistics @needs:custom-resolver
  Scenario: Outside the window the later write wins, as by the default rule
    Given the topology "three-mesh" is running
    When the clock of site 2 is set 60000 ms ahead
    And the links between site 1 and site 2 are cut
    And sites 1 and 2 write "late" in region "preferred", in that order
    And the links between site 1 and site 2 are restored
    Then the default rule picks the write from site 2 to "late" in region "preferred"
    And every site eventually holds the write from site 2 to "late" in region "preferred"
    And the resolver of region "preferred" was called exactly:
      | site | calls |
      | 1    | 1     |
      | 2    | 1     |
      | 3    | 1     |

  @clause:CONS-6 @needs:conflict-statistics @needs:custom-resolver
  Scenario: An event from the entry's last writer is decided without the resolver; one from another site calls it
    Given the topology "three-mesh" is running
    When I put "tags" = "a" in region "merged" at site 1
    And every site eventually holds the write from site 1 to "tags" in region "merged"
    And I put "tags" = "a,b" in region "merged" at site 1
    And every site eventually holds the write from site 1 to "tags" in region "merged"
    Then the resolver of region "merged" was called exactly:
      | site | calls |
      | 1    | 0     |
      | 2    | 0     |
      | 3    | 0     |
    When I put "tags" = "a,b,c" in region "merged" at site 3
    Then every site eventually holds the write from site 3 to "tags" in region "merged"
    And the resolver of region "merged" was called exactly:
      | site | calls |
      | 1    | 1     |
      | 2    | 1     |
      | 3    | 0     |

  @clause:CONS-6 @clause:CONS-1 @needs:conflict-statistics @needs:custom-resolver
  Scenario: A resolver that changes the value merges concurrent writes the same way at every site
    Given the topology "three-mesh" is running
    When the links between site 1 and site 2 are cut
    And I put "colors" = "red" in region "merged" at site 1
    And I put "colors" = "blue" in region "merged" at site 2
    And the links between site 1 and site 2 are restored
    Then every site eventually holds "colors" = "blue,red" in region "merged" with the version of the write from site 2
    And the resolver of region "merged" was called exactly:
      | site | calls |
      | 1    | 1     |
      | 2    | 1     |
      | 3    | 1     |
    And all sites eventually hold the same entries in region "merged"

  @clause:CONS-6 @clause:CONS-1 @needs:conflict-statistics @needs:custom-resolver
  Scenario: A resolver that throws discards that event only; the receiver goes on
    Given the topology "three-mesh" is running
    When I put "items" = "a" in region "merged" at site 1
    And every site eventually holds the write from site 1 to "items" in region "merged"
    And I put "items" = "Not A List!" in region "merged" at site 2
    And I put "after" = "x" in region "merged" at site 2
    Then site 1 counted 1 resolver error in region "merged"
    And site 3 counted 1 resolver error in region "merged"
    And site 1 eventually has "after" = "x" in region "merged"
    And site 3 eventually has "after" = "x" in region "merged"
    And site 1 eventually has "items" = "a" in region "merged"
    And the receiver of site 1 reported no failed event
    And the log of site 1 has an error mentioning "is not a token list"
    When I put "items" = "a,b" in region "merged" at site 2
    Then every site eventually holds the write from site 2 to "items" in region "merged"
    And all sites eventually hold the same entries in region "merged"

  @clause:CONS-6 @needs:custom-resolver
  Scenario: A resolver module that does not export the interface stops its member's start
    Then starting the topology "bad-resolver" fails, naming "not-a-resolver.mjs" and saying "does not export a function createResolver"
