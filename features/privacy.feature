@privacy
Feature: Privacy
  An owner may delete their account. Everything of theirs is then gone, for
  everybody, on every store, and the tokens they held stop working.

  Background:
    Given it is now 2026-11-21T10:00:00Z
    And an administrator "ops"
    And an owner "alice"
    And an owner "bob"
    And "alice" has a dog "Rex" weighing 20 kg
    And "bob" has a cat "Tom" weighing 4 kg
    And tracker "TRK-001" is paired with "Rex"
    And "alice" has registered an "ios" phone "alice-iphone"
    And "alice" is connected for live updates
    And tracker "TRK-001" reports:
      | time                 | steps | latitude | longitude | battery |
      | 2026-11-21T08:00:00Z | 9000  | 52.5200  | 13.4050   | 10      |
    And "alice" uploads a photo of "Rex"
    And the app "VetConnect" is registered
    And "alice" grants "VetConnect" access to "activity:read, location:read"
    And "VetConnect" acting for "alice" has read the activity of "Rex" on 2026-11-21

  Scenario: An owner deletes their account and nothing of it stays
    When "alice" deletes their account
    Then "ops" sees the users "bob, ops"
    And "VetConnect" acting for "alice" sees nothing of "Rex" on 2026-11-21
    And the token "alice" held is refused
    And nothing of "alice" is left in any store
    And "bob" has the pets "Tom"

  Scenario: The tracker of a deleted account is unpaired
    When "alice" deletes their account
    And tracker "TRK-001" reports 500 steps at 2026-11-21T09:30:00Z
    Then "ops" sees 1 quarantined reading from tracker "TRK-001"
