# src/report/report.mk
# The human report writers, the privacy mask, saving and compare.
# render_json.c holds the registry and report_render(); it is the only
# file that needs report_json() from json.c.
src_libconnreset_a_SOURCES += src/report/report.h \
	src/report/report.c src/report/doc.h src/report/doc.c \
	src/report/content.c src/report/content_evidence.c \
	src/report/content_audience.c src/report/content_pictures.c \
	src/report/pathline.c src/report/svg.c src/report/svg.h \
	src/report/content_size.c \
	src/report/text.c src/report/markdown.c src/report/html.c \
	src/report/privacy.c src/report/privacy.h \
	src/report/commands.c src/report/commands.h \
	src/report/compare.c src/report/compare.h \
	src/report/render_json.c
