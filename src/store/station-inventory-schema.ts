// Tables for the shop inventory and returns (station.db, version 1).
export const INVENTORY_SQL = ``
