/** The calendar: built-in festivals (shipped data), the workspace's own days, and when a date-based touch is due. */
export {
  BUILTIN_HOLIDAYS, LUNAR_FESTIVALS, LUNAR_DATES, HOLIDAY_LABELS, FIRST_YEAR, LAST_YEAR, builtinHolidays, type BuiltinHoliday, type HolidayDay,
} from './holidays.ts';
export { anniversary, dateOccurrence, holidayOccurrence, monthDaysOn, addDays, daysBetween } from './occurrence.ts';
export { addHolidays, removeHoliday, listHolidays, type HolidayInput, type AddHolidaysResult } from './holidays-store.ts';
export { CUSTOMER_DATE_FIELDS, CUSTOMER_DATE_FIELD_NAMES, dateFieldSql, type CustomerDateField } from './date-fields.ts';
