"""Exchange with CRMs and spreadsheets: `refcat export` writes references as CSV,
`refcat import` turns a CRM's account export into customer skeletons."""
