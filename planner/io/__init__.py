"""Files in and out of the planner, pure: table import, plan files, Excel export and read-back. No Qt."""
