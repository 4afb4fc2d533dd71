@topology:two-site
Feature: No local process can crash a site with a forged frame
  Beyond the seed documents (issue 17, family SEC). Every port a site listens on may be reached
  by any process of the machine: a locator's port (other sites reach it through the proxies)
  and a member's peer port (published by the locator's view). A frame the process cannot
  decode or handle closes that connection only, logged and counted; the process keeps
  serving and replication goes on.

  Background:
    Given the topology "two-site" is running

  @clause:SEC-1 @needs:raw-cluster-input @needs:locator-view @needs:cluster-view
  Scenario: A forged frame to a locator or to a member's peer port ends neither process
    When a client sends "a request of an unknown kind" to locator "site1-locator"
    Then locator "site1-locator" is the same process and counts one more protocol error
    When a client sends "a MessagePack nil" to the peer port of member "site1-m1"
    Then member "site1-m1" is the same process and counts one more peer protocol error
    When a client sends "a MessagePack nil" to locator "site2-locator"
    Then locator "site2-locator" is the same process and counts one more protocol error
    When I put "after-forgery" = "v" in region "data" at site 1
    Then site 2 eventually has "after-forgery" = "v" in region "data"
    When I put "back-after-forgery" = "v" in region "data" at site 2
    Then site 1 eventually has "back-after-forgery" = "v" in region "data"

  @clause:SEC-2
  Scenario: The control API refuses every request without the deployment's token but /health
    Then a request "GET /health" to member "site1-m1" without the control token answers 200
    And a request "GET /health" to locator "site2-locator" without the control token answers 200
    And a request "GET /v1/regions" to member "site1-m1" without the control token is refused with 401 "WAN_ERR_UNAUTHORIZED"
    And a request "PUT /v1/regions/data/entries/stolen" to member "site1-m1" without the control token is refused with 401 "WAN_ERR_UNAUTHORIZED"
    And a request "GET /v1/openapi.json" to locator "site1-locator" without the control token is refused with 401 "WAN_ERR_UNAUTHORIZED"
    And a request "GET /v1/no-such-route" to member "site2-m1" without the control token is refused with 401 "WAN_ERR_UNAUTHORIZED"
    And a request "POST /v1/senders/to-site2/stop" to member "site1-m1" with a wrong control token is refused with 401 "WAN_ERR_UNAUTHORIZED"
    When I put "after-strangers" = "v" in region "data" at site 1
    Then site 2 eventually has "after-strangers" = "v" in region "data"
    And site 1 eventually has no entry "stolen" in region "data"
