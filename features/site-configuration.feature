Feature: A site's members must agree on what they define; mistakes are rejected before anything runs
  Topologies are checked before anything starts; each problem names the file, the line and
  the field. Members of one site may differ in tuning (a batch size), never in what a sender
  or region is.

  @clause:SEND-6
  Scenario Outline: A replicated region with a parallel sender is rejected, whichever of its senders that is
    When I check this topology:
      """
      name: bad-parallel
      sites:
        - name: a
          id: 1
          members: [a-m1, a-m2]
          regions:
            - name: data
              senders: <senders>
          senders:
            - { id: s, remoteSite: c }
            - { id: p, remoteSite: b, parallel: true }
        - name: b
          id: 2
          members: [b-m1]
        - name: c
          id: 3
          members: [c-m1]
      """
    Then it is rejected at line 8, field "sites[0].regions[0].<field>", saying:
      """
      parallel sender "p" cannot be used with a replicated region
      """

    Examples:
      | senders | field      |
      | [p]     | senders[0] |
      | [s, p]  | senders[1] |

  Scenario: A partitioned region with more than 3 redundant copies is rejected
    When I check this topology:
      """
      name: too-redundant
      sites:
        - name: a
          id: 1
          members: [a-m1, a-m2]
          regions:
            - name: orders
              type: partitioned
              redundantCopies: 4
      """
    Then it is rejected at line 9, field "sites[0].regions[0].redundantCopies", saying:
      """
      must be <= 3
      """

  Scenario: A member that defines a site's sender differently is rejected
    When I check this topology:
      """
      name: members-disagree
      sites:
        - name: a
          id: 1
          members:
            - a-m1
            - name: a-m2
              senders:
                - { id: s, batchSize: 5 }
            - name: a-m3
              senders:
                - { id: s, persistent: true }
          regions:
            - { name: data, senders: [s] }
          senders:
            - { id: s, remoteSite: b }
        - name: b
          id: 2
          members: [b-m1]
      """
    Then it is rejected at line 12, field "sites[0].members[2].senders[0].persistent", saying:
      """
      member "a-m3" defines sender "s" with persistent true, but its site defines it with false
      """

  Scenario: A member that names a site it is not in is rejected
    When I check this topology:
      """
      name: wrong-site
      sites:
        - name: a
          id: 1
          members:
            - { name: a-m1, site: b }
        - name: b
          id: 2
          members: [b-m1]
      """
    Then it is rejected at line 6, field "sites[0].members[0].site", saying:
      """
      member "a-m1" names site "b", but it is listed under site "a"
      """
