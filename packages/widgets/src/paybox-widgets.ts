/** The single-file build for `<script type="module" src=".../paybox-widgets.js">`: every element, defined. */
import './define.js';

export * from './index.js';
