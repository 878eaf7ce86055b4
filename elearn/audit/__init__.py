"""The audit log: who changed what, on which object, when and from where."""
