@topology:compression
Feature: Batches are compressed on the wire when both ends agree, and refused when they do not
  Beyond the seed documents (issue 15), as Geode's GatewayTransportFilter: a sender's and a
  receiver's `transport.compression` (none, gzip, deflate, brotli) says how the payload of each
  batch travels. The sender announces its codec in its hello; a receiver of another codec
  refuses it with WAN_ERR_TRANSPORT_MISMATCH, so nothing it sent is applied, and the sender
  stays disconnected with its queue whole and the refusal in its status. Both ends count the
  batch bytes before and after compression. Topology compression: site 1's sender and site 2's
  receiver say gzip.

  Background:
    Given the topology "compression" is running

  @clause:GEODE-4 @needs:transport-compression
  Scenario: With gzip at both ends, compressible values replicate and take a fraction of their bytes on the wire
    When I put 300 entries with prefix "zip-" and 800-byte values in region "data" at site 1
    Then site 2 eventually has 300 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And sender "to-site2" at site 1 eventually put at most 0.2 of its batch bytes on the wire
    And the receiver at site 2 eventually decompressed at least 5 times the batch bytes it received

  @clause:GEODE-4 @needs:transport-compression @needs:runtime-receiver-create
  Scenario: A receiver of another codec refuses the sender: nothing is applied, the queue keeps every event, and agreeing again drains it
    When the receiver of member "site2-m1" is replaced by one with:
      | transport | {"compression": "none"} |
    And I put 40 entries with prefix "held-" and 300-byte values in region "data" at site 1
    Then sender "to-site2" at site 1 is eventually refused with "WAN_ERR_TRANSPORT_MISMATCH"
    And the receiver at site 2 eventually counts at least 1 transport mismatch
    And the queue of sender "to-site2" at site 1 eventually holds 40 events
    And region "data" at site 2 stays at 0 entries for 1500 ms
    When the receiver of member "site2-m1" is replaced by one with:
      | transport | {"compression": "gzip"} |
    Then site 2 eventually has 40 entries in region "data"
    And the queue of sender "to-site2" at site 1 is eventually empty
    And sender "to-site2" at site 1 is eventually connected with no refusal
