Feature: Colocated regions share a parallel sender; a member hosts at most 128 senders
  Beyond the seed documents (issue 15), as Geode's own WAN tests check: one parallel sender
  may carry several partitioned regions only when they are colocated, since its queue
  follows the buckets of their colocation chain; and a member hosts at most 128 gateway
  senders. Both are refused before anything runs, at the field that breaks them.

  @topology:colocated @clause:GEODE-1
  Scenario: Two colocated partitioned regions share one parallel sender, and both reach the remote site
    Given the topology "colocated" is running
    When I write 60 entries with prefix "co" to region "orders" at site 1
    And I write 45 entries with prefix "cu" to region "customers" at site 1
    Then site 2 eventually has 60 entries in region "orders"
    And site 2 eventually has 45 entries in region "customers"

  @clause:GEODE-1
  Scenario: One parallel sender on two partitioned regions is refused unless they are colocated
    When I check this topology:
      """
      name: not-colocated
      sites:
        - name: a
          id: 1
          members: [a-m1, a-m2]
          regions:
            - { name: orders, type: partitioned, senders: [par-to-b] }
            - { name: customers, type: partitioned, senders: [par-to-b] }
          senders: [{ id: par-to-b, remoteSite: b, parallel: true }]
        - name: b
          id: 2
          members: [b-m1]
          regions: [{ name: orders, type: partitioned }, { name: customers, type: partitioned }]
      """
    Then it is rejected at line 8, field "sites[0].regions[1].senders[0]", saying:
      """
      parallel sender "par-to-b" is used by partitioned regions "orders" and "customers", which are not colocated
      """
    When I check this topology:
      """
      name: colocated
      sites:
        - name: a
          id: 1
          members: [a-m1, a-m2]
          regions:
            - { name: orders, type: partitioned, senders: [par-to-b] }
            - { name: customers, type: partitioned, colocatedWith: orders, senders: [par-to-b] }
          senders: [{ id: par-to-b, remoteSite: b, parallel: true }]
        - name: b
          id: 2
          members: [b-m1]
          regions: [{ name: orders, type: partitioned }, { name: customers, type: partitioned }]
      """
    Then it is accepted

  @clause:GEODE-1
  Scenario: A colocated region must match the bucket count of the region it is colocated with
    When I check this topology:
      """
      name: buckets-differ
      sites:
        - name: a
          id: 1
          members: [a-m1]
          regions:
            - { name: orders, type: partitioned, totalBuckets: 31 }
            - { name: customers, type: partitioned, totalBuckets: 37, colocatedWith: orders }
        - name: b
          id: 2
          members: [b-m1]
      """
    Then it is rejected at line 8, field "sites[0].regions[1].colocatedWith", saying:
      """
      region "customers" has totalBuckets 37, but "orders", which it is colocated with, has 31
      """

  @clause:GEODE-2
  Scenario: A site may define 128 senders; the 129th is refused
    When I check a two-site topology whose site "a" defines 128 senders
    Then it is accepted
    When I check a two-site topology whose site "a" defines 129 senders
    Then it is rejected at line 6, field "sites[0].senders", saying:
      """
      must NOT have more than 128 items
      """
