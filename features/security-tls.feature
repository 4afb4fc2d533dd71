@topology:two-site-tls
Feature: A site whose links are TLS talks only TLS
  Beyond the seed documents (issue 17, family SEC). With `security.tls`, every sender →
  receiver, locator ↔ locator and member ↔ member connection is TLS, each site with its own
  certificate from one CA (here a throwaway CA the harness made with openssl). Toxiproxy stays
  in the path: it carries the TLS bytes.

  Background:
    Given the topology "two-site-tls" is running

  @clause:SEC-5 @needs:tls @needs:raw-gateway-input
  Scenario: A plain-text client cannot talk to a TLS receiver, and replication goes on over TLS
    When a plain-text client sends a gateway batch to the receiver at site 2 through the link from site 1
    Then the client's connection is eventually closed by the receiver
    And the receiver at site 2 eventually counts 1 "protocolErrors"
    When I put "over-tls" = "v" in region "data" at site 1
    Then site 2 eventually has "over-tls" = "v" in region "data"
    When I put "back-over-tls" = "v" in region "data" at site 2
    Then site 1 eventually has "back-over-tls" = "v" in region "data"
    When the link from site 1 to site 2 is cut
    And I put "after-cut" = "v" in region "data" at site 1
    And the link from site 1 to site 2 is restored
    Then site 2 eventually has "after-cut" = "v" in region "data"

  @clause:SEC-5 @needs:tls @needs:applied-log @needs:possible-duplicate-flag
  Scenario: Links flapping between two TLS sites lose nothing, duplicate nothing and converge
    When the chaos experiment "link-flapping-tls" runs for 15 s with seed 7
    Then at least 3 faults touched the run
    And nothing acknowledged was lost
    And no event was applied twice unless flagged as a possible duplicate
    And the sites converged
    And the chaos verdict is pass
