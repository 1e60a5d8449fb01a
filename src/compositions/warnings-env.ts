/** Set (to "1") in the browser by renders whose Node caller prints the plan's warnings itself. */
export const WARNINGS_REPORTED_ENV = "SPEAKERFRAME_WARNINGS_REPORTED";
