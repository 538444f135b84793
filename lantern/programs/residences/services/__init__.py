"""The residence's domain operations, by sub-domain: `houses` (houses, rooms, beds, occupancy),
`residents` (moving in and out, the waiting list), `rules` (versioned house rules), `meetings`
(house meetings and attendance), `chores` (the rota), `log` (the house log), `reports` (the
program report's sections), `personal` (export and erasure). Each function takes the acting
person first, checks access itself, and writes in one transaction."""
