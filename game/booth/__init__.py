"""What a booth adds to the game: kiosk rules (operator key, idle clock, scratch folders, the attract
reel), the booth log and its stats, and the policy of the browser booth. Plain Python, no textual."""
