"""Reports: gender-disaggregated results per country for national admins and donors."""
