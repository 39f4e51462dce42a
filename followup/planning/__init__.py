"""Before, during and after: playbooks, plans, cadences and reply promises.

Pure functions over data classes; the store persists, ``followup.service``
orchestrates.
"""
